import { normalise, tokens } from "../words.js";

/** Words that thank, in English and Russian (ё read as е). */
const THANKING = /^(thanks|thank|thx|ty|appreciate|appreciated|спасибо|благодарю)$/;

/** The words a thank-you with nothing to act on is made of: thanks, and what closes a conversation. */
const CLOSING_WORDS = new Set(
  (
    "thanks thank you so much very a lot many again once thx ty appreciate appreciated it all got " +
    "received arrived came works working now fine good great perfect ok okay guys team for help your the " +
    "спасибо большое огромное благодарю вам всем все пришло пришла пришел получил получила получили " +
    "работает теперь отлично хорошо ок супер понял поняла ясно за помощь вашу еще раз"
  ).split(" "),
);

/**
 * A thank-you with nothing in it to act on ("Спасибо большое, всё пришло!", "thanks, got it"): every word
 * thanks or closes, and no question. "Thanks, can you also send the invoice" asks for something.
 */
export function isOnlyThanks(text: string): boolean {
  const words = tokens(normalise(text));
  return (
    words.length > 0 &&
    !text.includes("?") &&
    words.every((word) => CLOSING_WORDS.has(word)) &&
    words.some((word) => THANKING.test(word))
  );
}
