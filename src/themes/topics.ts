/**
 * The five complaint themes every language shares: what a comment is about,
 * by its words in any of the survey languages (stems end in `*`; Portuguese
 * is compared without accents, as its sentiment lexicon is). A comment may
 * be about several themes ("late and expensive") or none of them.
 */
import { consonantsOf, normalise, tokensOf } from "../sentiment/lexicon.js";

export const topicIds = ["delivery", "price", "support", "quality", "app"] as const;
export type TopicId = (typeof topicIds)[number];

const keywords: Record<TopicId, string> = {
  delivery: `deliver* shipping shipped shipment* courier* parcel* package* arriv* late tracking
    dispatch* postage toimitu* toimite* toimitt* paketti* paketi* kuriiri* posti* myöhäst* saapu*
    lähety* kuljetu* entreg* cheg* receb* prazo* correio* frete* transportador* rastre* envio*
    enviad* atras* ارسال* تحویل* پیک* بسته* رسید* نرسید* دیر تاخیر* تأخیر* առաքում* առաքիչ*
    առաքեց* փաթեթ* հասավ* չհաս* ուշաց* տուփ* მიწოდებ* ამანათ* კურიერ* მოვიდა მოიტან* დაგვიან*
    გაგზავნ* შეფუთვ* አቅርቦት* ማድረስ* ደረሰ* አልደረሰ* ዘገየ* ዘግይ* ጥቅል* መላኪያ*
    pakkau* pakkaus* kuljettaja* kuski* ուշ փաթեթավոր* შეკვეთ* ማሸጊያ* አድራሽ* የማድረሻ* ማድረሻ* ሳጥን*`,
  price: `price* pricey expensive cheap* cost* overpriced money charge* refund* paid payment*
    bill* hinta* hinna* kallis kallii* kalli* halpa* edulli* maksu* maksoi* veloit* raha* hyvity*
    ylihinta* preco* caro cara caros barat* valor* dinheiro* pagamento* paguei cobran* cobr*
    reembols* estorn* قیمت* گران* گرون* ارزان* پول* هزینه* پرداخت* գին* թանկ* էժան* փող* գումար*
    վճար* ფას* ძვირ* იაფ* ფულ* გადახდ* ღირ* ዋጋ* ውድ ርካሽ* ገንዘብ* ክፍያ* መክፈል* ከፈልኩ*
    bill* billed laskutu* laskut* laskuttivat hintoja hinnat گرانه* صورتحساب* գներ* գանձ* თანხ* გადასახად*
    ბარათ* ክፍያው* አስከፈል*`,
  support: `support service staff team agent* help* answer* repl* respon* rude call* phone email*
    contact* asiakaspalvel* palvelu* tuki* tuen henkilökun* myyjä* vastau* vastan* vastasi* puhelin*
    sähköpost* töykeä* atendiment* atend* suporte* sac resposta* respond* contato* vendedor*
    telefone* پشتیبانی* خدمات* کارمند* کارکنان* جواب* پاسخ* تماس* تلفن* برخورد* սպասարկ*
    աշխատակից* պատասխան* չպատասխան* զանգ* հեռախոս* օպերատոր* მომსახურებ* მხარდაჭერ* თანამშრომ*
    პასუხ* უპასუხ* მიპასუხ* ოპერატორ* ტელეფონ* დავურეკ* አገልግሎት* ሰራተኛ* ሠራተኛ* መልስ* ስልክ*
    complain* return* returns valitu* valituk* reklamaatio* autt* palautu* palautus* palauttaa* tuki* asiakastu*
    شکایت* کمک* مرجوع* پذیرش* բողոք* օգն* չօգն* կապ վերադարձ* աջակց* საჩივარ* დაბრუნებ*
    დამეხმარ* დაგვეხმარ* დავრეკ* ადმინისტრატორ* ቅሬታ* ድጋፍ* ረዳ* አልረዳ* መመለስ* ደወልኩ*`,
  quality: `quality stale broke* damag* defect* faulty taste* bitter bland flavo* fresh* burnt
    cracked leak* wrong missing laatu* laadu* maku* mauton* vanha* rikki rikkinäi* särky* viallin*
    vika* väärä* puuttu* qualidade* defeit* quebr* danific* estrag* sabor* errad* falt* material*
    fragil* falsific* کیفیت* خراب* شکسته* معیوب* مزه* بیمزه* کهنه* بیات* اشتباه* ناقص* որակ*
    անորակ* կոտր* փչաց* համ անհամ* հին սխալ* թերի* վնաս* ხარისხ* უხარისხო* გატეხ* გატყდა
    დაზიან* გაფუჭ* გემო* უგემურ* ძველი არასწორ* დეფექტ* ጥራት* ተሰብ* የተሰበ* ተበላሽ* የተበላሸ* ጣዕም*
    ጉድለት* የተሳሳተ* ያረጀ*
    incomplete stain* torn apart cold wet smell* puutteelli* tahra* kylmä* märkä* haisi* hajosi* repey*
    بیکیفیت* لک پاره* کثیف* سرد خیس* բիծ* պատռված* սառը թաց* քանդվ* կեղտոտ* წუნ* არასრულ* ლაქა* გახეულ*
    ცივი სველი* ჭუჭყიან* დაიშალა ያልተሟላ* እድፍ* ተቀዶ* ቀዝቅዞ* እርጥብ* ቆሻሻ* ተበታተ*`,
  app: `app apps application website site web login password checkout crash* bug* glitch* freez*
    sovellu* appi* nettisiv* verkkosivu* verkkokaupp* kirjautu* kaatu* jumitt* bugi* aplicativo*
    login senha* trav* اپلیکیشن* اپ برنامه* سایت* وبسایت* نرمافزار* هنگ باگ* հավելված* կայք*
    ծրագր* կախվում* აპლიკაცი* საიტ* ვებგვერდ* პროგრამ* ითიშება იჭედება መተግበሪያ* አፕ* ዌብሳይት*
    ሲስተም*
    update* notification* bot chatbot* pankkisovellu* päivity* botti* chatbotti* ilmoitu* آپدیت* ربات* ورود*
    اعلان* մուտք* թարմացում* բոտ* ծանուցում* აპი აპის აპით აპმა აპში აპია შესვლ* განახლებ* ბოტ* ჩატბოტ*
    შეტყობინებ* ዝማኔ* ቦት* መግቢያ* ማሳወቂያ*`,
};

const ethiopic = /\p{Script=Ethiopic}/u;
/** Particles Amharic writes onto a noun ("የማድረሻ", "በአፑ"). */
const ethiopicParticles = ["የ", "በ", "ለ", "ከ", "እንደ", "ስለ"];

interface Matcher {
  exact: Set<string>;
  stems: string[];
}

const matchers = new Map<TopicId, Matcher>(
  topicIds.map((id) => {
    const words = keywords[id]
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => normalise(w, true));
    const exact = words.filter((w) => !w.endsWith("*"));
    const stems = words.filter((w) => w.endsWith("*")).map((w) => w.slice(0, -1));
    // Amharic keywords count by their consonants too; a stem needs two of them.
    const byConsonants = (list: string[], min: number) =>
      list
        .filter((w) => ethiopic.test(w))
        .map(consonantsOf)
        .filter((c) => [...c].length >= min);
    return [
      id,
      {
        exact: new Set([...exact, ...byConsonants(exact, 1)]),
        stems: [...stems, ...byConsonants(stems, 2)],
      },
    ];
  }),
);

/**
 * The forms a word is compared in: itself; an Amharic word also by its
 * consonants (inflection changes the vowel written into each letter:
 * "ገንዘቤን" has the consonants of "ገንዘብ") and without a particle in front.
 */
function formsOf(token: string): string[] {
  if (!ethiopic.test(token)) return [token];
  const bare = ethiopicParticles
    .filter((p) => token.length > p.length + 1 && token.startsWith(p))
    .map((p) => token.slice(p.length));
  return [token, ...bare, ...[token, ...bare].map(consonantsOf)];
}

function matches(m: Matcher, token: string): boolean {
  return formsOf(token).some((t) => m.exact.has(t) || m.stems.some((s) => t.startsWith(s)));
}

/** The themes a text is about, in the order of topicIds. */
export function topicsOf(text: string): TopicId[] {
  const tokens = tokensOf(normalise(text, true));
  return topicIds.filter((id) => {
    const m = matchers.get(id)!;
    return tokens.some((t) => matches(m, t));
  });
}
