import type { SurveyTexts } from "../texts.js";

export const fi: Partial<SurveyTexts> = {
  npsQuestion: "Kuinka todennäköisesti suosittelisit {business}-yritystä ystävälle tai kollegalle?",
  npsScale: "0 = en lainkaan todennäköisesti, 10 = erittäin todennäköisesti",
  csatQuestion: "Kuinka tyytyväinen olet viimeisimpään kokemukseesi {business}-yrityksen kanssa?",
  csatOptions: [
    "Erittäin tyytymätön",
    "Tyytymätön",
    "Ei tyytyväinen eikä tyytymätön",
    "Tyytyväinen",
    "Erittäin tyytyväinen",
  ],
  cesQuestion: "Kuinka helppoa oli saada tarvitsemasi {business}-yritykseltä?",
  cesOptions: [
    "Erittäin vaikeaa",
    "Vaikeaa",
    "Melko vaikeaa",
    "Ei helppoa eikä vaikeaa",
    "Melko helppoa",
    "Helppoa",
    "Erittäin helppoa",
  ],
  followUp: "Kiitos! Mikä on tärkein syy antamaasi arvosanaan? Kerro vastaamalla tähän viestiin.",
  thanksForComment: "Kiitos palautteestasi!",
  answerRecorded: "Kiitos! Vastauksesi: {score}",
  answerLocked: "Vastauksesi on jo tallennettu.",
  linked:
    "Hei! Tämä keskustelu on nyt yhdistetty: {business}. Kysymme silloin tällöin, miten olemme onnistuneet. Lopeta kyselyt lähettämällä /stop.",
  linkInvalid: "Tämä linkki ei ole kelvollinen. Avaa linkki kuitistasi tai sähköpostista.",
  optedOut: "Et saa enää kyselyjä ({business}). Lähetä /start, jos haluat ne takaisin.",
  stopCommand: "Lopeta kyselyt",
  notLinked: "Tätä keskustelua ei ole yhdistetty kyselyihin, joten lopetettavaa ei ole.",
  optedIn: "Tervetuloa takaisin! Saat taas kyselyjä ({business}). Lopeta lähettämällä /stop.",
  onlySurveys:
    "Tämä keskustelu on lyhyitä kyselyjä varten ({business}). Lopeta lähettämällä /stop.",
  customerHelp:
    "Tämä keskustelu on palautetta varten ({business}): kysymme silloin tällöin lyhyen kysymyksen. Vastaa napauttamalla arvosanaa ja lisää kommentti vastaamalla jatkokysymykseemme. Lopeta kyselyt lähettämällä /stop ja aloita ne uudelleen lähettämällä /start.",
  addComment: "Lisää kommentti",
  commentTitle: "Palautteesi",
  send: "Lähetä",
  commentQuestion: "Mikä on tärkein syy antamaasi arvosanaan? Kirjoita se tähän.",
  replyToComment:
    "Jos haluat lisätä kommentin, vastaa kysymykseemme (viestiin, jossa kysyimme arvosanasi syytä).",
  linkUsed: "Tätä linkkiä on jo käytetty toisessa keskustelussa. Pyydä uusi linkki: {business}.",
  linkExpired: "Tämä linkki on vanhentunut. Pyydä uusi linkki: {business}.",
};
