import { normalise, tokens } from "../words.js";

/**
 * Signs that a waiting customer is losing patience, read from one message (English and Russian). Kept
 * deliberately small and precise: a false flag escalates a calm customer's ticket, so each entry is a word
 * or phrase that is negative on its own, and a negation right before it ("not terrible", "не ужасно")
 * cancels it.
 */
export type FrustrationSignal = "repeated-messages" | "negative-wording" | "repeated-complaint" | "all-caps";

/** Whole words (English) that are strongly negative on their own. */
const NEGATIVE_WORDS = new Set([
  "terrible",
  "horrible",
  "awful",
  "worst",
  "useless",
  "ridiculous",
  "unacceptable",
  "disgusting",
  "pathetic",
  "outrageous",
  // "scam" and "fraud" are left out: customers report a scam email or a fraudulent charge calmly.
  "scammers",
  "furious",
  "incompetent",
  "appalling",
  "shameful",
  "wtf",
]);

/** Russian stems: a word starting with one matches, so "ужасно", "ужасный", "ужасная" all count. */
const NEGATIVE_STEMS = [
  "ужасн",
  "кошмар",
  "отвратительн",
  "безобрази",
  "издевательств",
  "позор",
  "бесполезн",
  "возмутительн",
  "обманщик",
  "обманул",
  // "мошенники" accuses; "мошенничество" reports a fraud.
  "мошенник",
  "хамств",
  "невыносим",
  "бардак",
  "отстой",
  "худш",
  "надоел",
];

/** A phrase matched as whole words; `\b` only knows ASCII letters, so the boundaries are spelled out. */
const phrase = (pattern: string) => new RegExp(`(^|[^\\p{L}])(${pattern})([^\\p{L}]|$)`, "u");

const NEGATIVE_PHRASES = [
  phrase("fed up"),
  phrase("sick (and tired )?of"),
  phrase("waste of (my )?time"),
  phrase("never again"),
  phrase("never (order|buy|shop|use)[a-z]*( [a-z']+){0,3} again"),
  phrase("this is a joke"),
  phrase("(nobody|no one|no-one) (replies|answers|responds|cares|helps)"),
  phrase("thanks for nothing"),
  phrase("сколько можно"),
  phrase("никто не (отвечает|отвечают|отвечаете|ответил|ответили|помогает)"),
  phrase("больше никогда"),
];

/** Words that take the sting out of the negative word before them: "worst case" is no complaint. */
const DEFUSED_BY_NEXT: Readonly<Record<string, string>> = { worst: "case" };

const NEGATIONS = new Set(["not", "no", "isn't", "wasn't", "aren't", "never", "hardly", "не", "ни"]);

const ORDINAL_EN = "second|third|fourth|fifth|sixth|tenth|2nd|3rd|4th|5th|6th|\\d+th";
const ORDINAL_RU = "второй|третий|четвертый|пятый|шестой|десятый|\\d+-?й|который|очередной";

/** Words of getting in touch: "the second time I order" is no complaint, "the second time I write" is. */
const CONTACTING = phrase(
  "write|writing|wrote|ask|asking|asked|contact|contacting|message|messaging|call|calling|tell|telling|email|emailing|remind|reminding|complain|complaining|chat|chatting",
);

/** "The third time": a complaint said as "this is the third time", or beside a word of getting in touch. */
const NTH_TIME = phrase(`(${ORDINAL_EN}) time`);

const REPEATED_COMPLAINT = [
  phrase(`(this is|this's|it is|it's|that is|that's) the (${ORDINAL_EN}) time`),
  // "How many times can I use the code?" asks; "how many times do I have to ask?" complains.
  phrase("how many (more )?times (do|must|should|will|am|have|did) (i|we)"),
  phrase("(once|yet) again"),
  phrase("again and again"),
  phrase("still (waiting|no answer|no reply|nothing)"),
  phrase("(been )?waiting (for )?(\\d+|two|three|four|five|six|several|many) (days|weeks|months)"),
  phrase("(asking|writing) again"),
  phrase(`(в )?(${ORDINAL_RU}) раз`),
  // "Опять же, спасибо" and "опять всё работает" are no complaint; "опять не пришло", "опять пишу" are.
  phrase("опять (не|ни|нет|никто|ничего|пишу|спрашиваю|обращаюсь|жду|задерж\\p{L}*|проблем\\p{L}*)"),
  phrase("жду (уже )?(\\d+|два|две|три|четыре|пять|несколько) (дн\\p{L}*|недел\\p{L}*|месяц\\p{L}*)"),
  phrase("до сих пор"),
];

function isNegativeWord(word: string): boolean {
  return NEGATIVE_WORDS.has(word) || NEGATIVE_STEMS.some((stem) => word.startsWith(stem));
}

function hasNegativeWording(text: string): boolean {
  const words = tokens(text);
  const negated = (i: number) => NEGATIONS.has(words[i - 1] ?? "") || NEGATIONS.has(words[i - 2] ?? "");
  const defused = (i: number) => {
    const defuser = DEFUSED_BY_NEXT[words[i] ?? ""];
    return defuser !== undefined && defuser === words[i + 1];
  };
  if (words.some((word, i) => isNegativeWord(word) && !negated(i) && !defused(i))) return true;
  return NEGATIVE_PHRASES.some((phrase) => phrase.test(text));
}

/** Minimums for shouting: short acronyms ("OK", "DHL") and ids in caps ("ORDER AB-123") are not shouting. */
const CAPS_MIN_WORDS = 3;
const CAPS_MIN_LETTERS = 12;

function isShouting(original: string): boolean {
  // Tokens with digits are ids (AB-123, 4F2K9), not words.
  const words = tokens(original).filter((w) => !/\p{N}/u.test(w) && w.length >= 2);
  const letters = words.join("").replace(/[^\p{L}]/gu, "");
  if (words.length < CAPS_MIN_WORDS || letters.length < CAPS_MIN_LETTERS) return false;
  const upper = letters.replace(/[^\p{Lu}]/gu, "").length;
  return upper / letters.length >= 0.9;
}

/** Thanks that are none: sarcasm, and "thanks in advance", which closes a complaint politely. */
const NOT_THANKING = phrase(
  "thanks for nothing|спасибо за ничего|thanks in advance|(заранее спасибо|спасибо заранее)",
);

/** Thanks, unless sarcastic: "thanks once again" and "СПАСИБО БОЛЬШОЕ" are no complaint. */
function isThanking(text: string): boolean {
  const thanks = tokens(text).some(
    (word) =>
      word === "thanks" ||
      word === "thank" ||
      word === "thx" ||
      word.startsWith("appreciat") ||
      word === "спасибо" ||
      word.startsWith("благодар"),
  );
  return thanks && !NOT_THANKING.test(text);
}

/** The frustration signals in one customer message's text. */
export function frustrationSignalsIn(text: string): FrustrationSignal[] {
  const lower = normalise(text);
  const signals: FrustrationSignal[] = [];
  if (hasNegativeWording(lower)) signals.push("negative-wording");
  // Gratitude outweighs what only sounds like impatience (a repeat, capitals), not strong words.
  if (isThanking(lower)) return signals;
  const nthTime = NTH_TIME.test(lower) && CONTACTING.test(lower);
  if (nthTime || REPEATED_COMPLAINT.some((phrase) => phrase.test(lower))) signals.push("repeated-complaint");
  if (isShouting(text)) signals.push("all-caps");
  return signals;
}
