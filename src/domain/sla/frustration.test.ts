import { describe, expect, it } from "vitest";
import { frustrationSignalsIn } from "./frustration.js";

describe("frustrationSignalsIn: English", () => {
  it.each([
    "This is terrible service",
    "Worst shop ever",
    "Honestly this is unacceptable.",
    "I'm fed up with waiting",
    "What a waste of my time",
    "This is a joke. Nobody replies. I will never order here again.",
    "No one answers here",
    "Thanks for nothing",
  ])("flags strong negative wording: %s", (text) => {
    expect(frustrationSignalsIn(text)).toContain("negative-wording");
  });

  it.each([
    "This is the third time I write about it",
    "Asking for the 3rd time",
    "How many times do I have to ask?",
    "Once again: where is my parcel",
    "Still waiting for an answer",
    "I have been waiting for 2 weeks and nobody answers.",
    "How many more times must I explain this?",
    "Still no answer, this is the third time I write. Thanks in advance",
  ])("flags a repeated complaint: %s", (text) => {
    expect(frustrationSignalsIn(text)).toContain("repeated-complaint");
  });

  it("flags a message in capitals", () => {
    expect(frustrationSignalsIn("WHERE IS MY ORDER")).toEqual(["all-caps"]);
  });

  it.each([
    "not bad at all, thanks",
    "It was not terrible, just slow",
    "Thanks again for your help!",
    "My order AB-123 has not arrived yet",
    "ORDER AB-123",
    "Tracking: DHL 4F2K9XQ",
    "OK",
    "Could you check it one more time please?",
    "I bought it the first time last year",
    "I received a scam email pretending to be from your shop",
    "Someone made a fraud purchase on my card",
    "For the second time I am ordering from you and love it",
    "Thanks once again for your help!",
    "THANK YOU SO MUCH FOR THE HELP",
    "How many times can I use the discount code?",
    "Worst case I can pick it up myself",
  ])("leaves a calm message alone: %s", (text) => {
    expect(frustrationSignalsIn(text)).toEqual([]);
  });
});

describe("frustrationSignalsIn: Russian", () => {
  it.each([
    "Это ужасно",
    "Ужасный сервис",
    "Ужасная поддержка",
    "Какой кошмар",
    "Это просто издевательство",
    "Позорище, а не магазин",
    "Вы обманули меня",
    "Мне надоело ждать",
    "Сколько можно ждать?",
    "Никто не отвечает",
    "Больше никогда у вас не закажу",
    "Худшая доставка",
    "Всё ещё жду, это отвратительно",
  ])("flags strong negative wording in any inflection: %s", (text) => {
    expect(frustrationSignalsIn(text)).toContain("negative-wording");
  });

  it.each([
    "Пишу вам в третий раз",
    "Третий раз спрашиваю",
    "Опять никто не ответил",
    "Уже который раз пишу",
    "В 5-й раз пишу",
    "До сих пор нет ответа",
    "Опять не пришло",
    "Жду уже две недели",
  ])("flags a repeated complaint: %s", (text) => {
    expect(frustrationSignalsIn(text)).toContain("repeated-complaint");
  });

  it("flags a message in capitals", () => {
    expect(frustrationSignalsIn("ГДЕ МОЙ ЗАКАЗ ВООБЩЕ")).toEqual(["all-caps"]);
  });

  it.each([
    "Не ужасно, но медленно",
    "Спасибо, всё хорошо",
    "Заказ АБ-123 ещё не пришёл",
    "ЗАКАЗ АБ-123",
    "Можно уточнить ещё раз адрес?",
    "Курьер пришёл в первый раз вовремя, спасибо",
    "Ужин был вкусный",
    "Спасибо, пароль сбросила — опять всё работает!",
    "Опять же, спасибо за помощь!",
    "Опять всё работает",
  ])("leaves a calm message alone: %s", (text) => {
    expect(frustrationSignalsIn(text)).toEqual([]);
  });
});

it("reports every signal a message carries", () => {
  expect(frustrationSignalsIn("THIS IS THE THIRD TIME, TERRIBLE SERVICE")).toEqual([
    "negative-wording",
    "repeated-complaint",
    "all-caps",
  ]);
});
