import type { SurveyTexts } from "../texts.js";

export const am: Partial<SurveyTexts> = {
  npsQuestion: "{business}ን ለጓደኛ ወይም ለሥራ ባልደረባ የመምከር ዕድልዎ ምን ያህል ነው?",
  npsScale: "0 = በጭራሽ፣ 10 = በጣም እመክራለሁ",
  csatQuestion: "ከ{business} ጋር በቅርቡ በነበረዎት ተሞክሮ ምን ያህል ረክተዋል?",
  csatOptions: ["በጣም አልረካሁም", "አልረካሁም", "መካከለኛ", "ረክቻለሁ", "በጣም ረክቻለሁ"],
  cesQuestion: "ከ{business} የሚፈልጉትን ማግኘት ምን ያህል ቀላል ነበር?",
  cesOptions: [
    "በጣም ከባድ",
    "ከባድ",
    "በተወሰነ ደረጃ ከባድ",
    "ቀላልም ከባድም አይደለም",
    "በተወሰነ ደረጃ ቀላል",
    "ቀላል",
    "በጣም ቀላል",
  ],
  followUp: "እናመሰግናለን! ለሰጡት ነጥብ ዋናው ምክንያት ምንድን ነው? በመልእክት ይመልሱ።",
  thanksForComment: "ስለ አስተያየትዎ እናመሰግናለን!",
  answerRecorded: "እናመሰግናለን! መልስዎ: {score}",
  answerLocked: "መልስዎ አስቀድሞ ተመዝግቧል።",
  linked:
    "ሰላም! ይህ ውይይት አሁን ከ{business} ጋር ተገናኝቷል። አልፎ አልፎ እንዴት እየሰራን እንደሆነ እንጠይቃለን። ጥያቄዎችን ለማቆም /stop ይላኩ።",
  linkInvalid: "ይህ ማስፈንጠሪያ ትክክል አይደለም። እባክዎ ከደረሰኝዎ ወይም ከኢሜይልዎ ያለውን ማስፈንጠሪያ ይክፈቱ።",
  optedOut: "ከ{business} ከእንግዲህ ጥያቄዎች አይደርስዎትም። እንደገና ለማግኘት /start ይላኩ።",
  stopCommand: "ጥናቶችን አቁም",
  notLinked: "ይህ ውይይት ከማንኛውም ጥናት ጋር አልተገናኘም፣ ስለዚህ የሚቆም ነገር የለም።",
  optedIn: "እንኳን ደህና መጡ! ከ{business} ጥያቄዎች እንደገና ይደርስዎታል። ለማቆም /stop ይላኩ።",
  onlySurveys: "ይህ ውይይት ለ{business} አጭር ጥያቄዎች ነው። ለማቆም /stop ይላኩ።",
  customerHelp:
    "ይህ ውይይት ለ{business} አስተያየት ለመስጠት ነው፤ አልፎ አልፎ አጭር ጥያቄ እንጠይቃለን። ለመመለስ ነጥብ ይምረጡ፤ አስተያየት ለመጨመር ለተከታይ ጥያቄያችን ምላሽ ይስጡ። ጥያቄዎችን ለማቆም /stop፣ እንደገና ለማግኘት /start ይላኩ።",
  addComment: "አስተያየት ያክሉ",
  commentTitle: "አስተያየትዎ",
  send: "ላክ",
};
