import type { SurveyTexts } from "../texts.js";

export const en: SurveyTexts = {
  npsQuestion: "How likely are you to recommend {business} to a friend or colleague?",
  npsScale: "0 = not at all likely, 10 = extremely likely",
  csatQuestion: "How satisfied are you with your recent experience with {business}?",
  csatOptions: ["Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"],
  cesQuestion: "How easy was it to get what you needed from {business}?",
  cesOptions: [
    "Very difficult",
    "Difficult",
    "Somewhat difficult",
    "Neither easy nor difficult",
    "Somewhat easy",
    "Easy",
    "Very easy",
  ],
  followUp: "Thank you! What is the main reason for your score? Reply to this message to tell us.",
  thanksForComment: "Thank you for your feedback!",
  answerRecorded: "Thank you! Your answer: {score}",
  answerLocked: "Your answer was already recorded.",
  linked:
    "Hi! This chat is now connected to {business}. Now and then we will ask how we are doing. Send /stop to stop surveys.",
  linkInvalid:
    "This link is not valid. Please open the link from your receipt or email from {business}.",
  optedOut: "You will not get surveys from {business} any more. Send /start to get them again.",
  stopCommand: "Stop surveys",
  notLinked: "This chat is not connected to any surveys, so there is nothing to stop.",
  optedIn: "Welcome back! You will get surveys from {business} again. Send /stop to stop them.",
  onlySurveys: "This chat is for short surveys from {business}. Send /stop to stop them.",
  customerHelp:
    "This chat is for feedback to {business}: now and then we ask a short question. Tap a score to answer, and reply to our follow-up question to add a comment. Send /stop to stop surveys and /start to get them again.",
  addComment: "Add a comment",
  commentTitle: "Your feedback",
  send: "Send",
  commentQuestion: "What is the main reason for your score? Write it here.",
  replyToComment:
    "To add a comment, reply to our question (the message asking for the main reason for your score).",
  linkUsed: "This link was already used in another chat. Please ask {business} for a new link.",
  linkExpired: "This link has expired. Please ask {business} for a new link.",
  digits: "0123456789",
};
