/** Survey comments and social posts in our first users' languages, by mood. */
export type Mood = "positive" | "neutral" | "negative";

export const comments: Record<string, Record<Mood, readonly string[]>> = {
  en: {
    positive: [
      "Great coffee and super fast delivery, love it",
      "Excellent service, the team is always helpful",
      "Best beans I have ever ordered, highly recommend",
      "Easy to use and the subscription is great value",
      "Friendly support and the packaging is beautiful",
    ],
    neutral: [
      "It is fine, nothing special",
      "Delivery was on time",
      "Average taste, decent price",
      "The app works, mostly",
    ],
    negative: [
      "Delivery was late again and support never answered",
      "Too expensive for what you get",
      "The grinder broke after a week, very disappointed",
      "Terrible customer service, I waited three weeks for a refund",
      "Shipping is slow and the tracking is useless",
      "Not good, the coffee tasted stale",
    ],
  },
  fi: {
    positive: ["Loistavaa kahvia ja nopea toimitus", "Erinomainen palvelu, kiitos!"],
    neutral: ["Ihan ok", "Toimitus tuli ajallaan"],
    negative: ["Toimitus myöhästyi taas", "Liian kallista"],
  },
  hy: {
    positive: ["Հիանալի սուրճ և արագ առաքում", "Շատ լավ սպասարկում"],
    neutral: ["Նորմալ է", "Առաքումը ժամանակին էր"],
    negative: ["Առաքումը ուշացավ", "Շատ թանկ է"],
  },
  ka: {
    positive: ["შესანიშნავი ყავა და სწრაფი მიწოდება", "ძალიან კარგი მომსახურება"],
    neutral: ["ნორმალურია", "მიწოდება დროულად მოხდა"],
    negative: ["მიწოდება დაგვიანდა", "ძალიან ძვირია"],
  },
  am: {
    positive: ["በጣም ጥሩ ቡና እና ፈጣን አቅርቦት", "ጥሩ አገልግሎት"],
    neutral: ["ደህና ነው", "በሰዓቱ ደርሷል"],
    negative: ["አቅርቦቱ ዘገየ", "በጣም ውድ ነው"],
  },
  fa: {
    positive: ["قهوه عالی و ارسال سریع", "خدمات بسیار خوب"],
    neutral: ["معمولی است", "به موقع رسید"],
    negative: ["ارسال دیر شد", "خیلی گران است"],
  },
};

export const socialPosts: Record<Mood, readonly string[]> = {
  positive: [
    "Just got my @NordicBrew box, amazing coffee as always",
    "Love the new seasonal blend from Nordic Brew",
    "Nordic Brew support fixed my order in minutes, great team",
  ],
  neutral: ["Trying Nordic Brew this month", "Anyone tried the Nordic Brew pro plan?"],
  negative: [
    "Nordic Brew delivery late again, not happy",
    "Disappointed with Nordic Brew, the beans were stale",
    "Nordic Brew is getting too expensive",
  ],
};

export const tickets: readonly string[] = [
  "Order arrived damaged",
  "Cannot change my delivery address",
  "Refund not received",
  "Wrong item in the box",
  "Subscription charged twice",
  "Delivery is late",
];
