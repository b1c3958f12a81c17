### English bot texts. Keys must match ru.ftl; src/adapters/telegram/i18n.test.ts checks they do.
language-name = English
category-shipping = 🚚 Shipping & delivery
category-payment = 💳 Payment & billing
category-returns = ↩️ Returns & refunds
category-order = 📦 Order changes
category-account = 👤 Account
category-product = 🛍 Product question
category-other = 💬 Other
priority-standard = Standard
priority-urgent = Urgent
priority-urgent-suggested = 🔥 Urgent (suggested)

button-new-request = ➕ New request
button-no-order-id = I don't have one
button-done = ✅ Done
button-confirm = ✅ Confirm
button-edit = ✏️ Edit
button-cancel = ✖️ Cancel
button-back = ◀️ Back
button-edit-category = Category
button-edit-order-id = Order ID
button-edit-priority = Priority
button-edit-description = Description
button-article-solved = ✅ This solved it
button-article-need-help = 💬 I still need help
button-open-private-chat = Open a private chat

form-title = <b>New support request</b>
form-ask-category = What is your request about?
form-carried = { $count ->
    [one] Your message will open the description; you can add to it there.
   *[other] Your { $count } messages will open the description; you can add to them there.
  }
form-ask-order-id = Please send your order ID, for example <code>{ $example }</code>.
form-ask-priority = How urgent is it?
  Standard: we answer within our usual hours. Urgent: something is blocked right now (a failed payment, a delivery today).
form-ask-priority-suggested = Payment problems are usually urgent; choose Urgent if the payment failed.
form-ask-description = Describe the problem in your own words. You can send several messages, photos or documents. Press <b>Done</b> when you have finished.
form-description-replacing = This replaces the description you gave before. <b>Back</b> keeps the old one.
form-description-shortened = <i>Shortened here; your whole description is sent.</i>
form-description-progress = Received: { $messages ->
    [one] 1 message
   *[other] { $messages } messages
  }{ $attachments ->
    [0] {""}
    [one] {" "}and 1 attachment
   *[other] {" "}and { $attachments } attachments
  }. Send more or press <b>Done</b>.
form-description-progress-files = Received: { $attachments ->
    [one] 1 attachment
   *[other] { $attachments } attachments
  }. Send more or press <b>Done</b>.
form-ask-articles = These help articles may answer your question. If one of them solves it, press <b>This solved it</b>; if not, press <b>I still need help</b> and we will go on with your request.
form-deflected = 🎉 <b>Glad that helped!</b> No ticket was opened. Send /new whenever you need us.
form-summary-title = <b>Please check your request</b>
form-field-category = Category
form-field-order-id = Order ID
form-field-priority = Priority
form-field-description = Description
form-field-attachments = Attachments
form-no-order-id = none
form-ask-edit = Which field do you want to change?
form-submitted = ✅ <b>Request received.</b> We are creating your ticket and will send its number here in a moment.
form-already-sent = ✅ This request was already sent. Its ticket number comes (or came) in this chat; /status lists it.
form-cancelled = Request cancelled. Send /new whenever you need us.
form-confirm-cancel = Cancel this request? Your description ({ $messages ->
    [0] { $attachments ->
        [one] 1 attachment
       *[other] { $attachments } attachments
      }
    [one] 1 message{ $attachments ->
        [0] {""}
        [one] {" "}and 1 attachment
       *[other] {" "}and { $attachments } attachments
      }
   *[other] { $messages } messages{ $attachments ->
        [0] {""}
        [one] {" "}and 1 attachment
       *[other] {" "}and { $attachments } attachments
      }
  }) will be lost.
button-cancel-confirm = ✖️ Yes, cancel it
button-keep-form = ↩️ No, keep it
form-edit-not-taken = Edited messages are not taken into the form. Send the correction as a new message, or change the description with Edit on the summary.
form-expired = This form has expired. Send /new to start a new request.
form-resumed = ✏️ You have a request in progress, so here it is again. Continue below, or send /cancel to discard it and start a new one.
form-moved = ⬇️ This request continues below.
form-replaced = This form was replaced by a newer one.

error-invalid-order-id = That doesn't look like an order ID. Order IDs look like <code>{ $example }</code>. Please try again.
error-order-id-required = This category needs an order ID. You can find it in your order confirmation email; without one, press <b>Back</b> and choose another category.
order-id-where-to-find = You can find it in your order confirmation email; without one, press <b>Back</b> and choose another category.
error-description-empty = Please describe the problem first: send a message, a photo or a document.
error-description-too-long = This message was not added: with it the description would be longer than { $max } characters. What you sent before is kept. Send a shorter message, or press <b>Done</b>.
error-too-many-messages = That is more than { $max } messages for one description. Press <b>Done</b>, or /cancel and start again with a shorter description.
error-too-many-attachments = You can attach up to { $max } files to one request.
error-not-expected-now = Please use the buttons of the form above, or send /cancel to stop.
error-unsupported-message = I can't use this kind of message here. Please send text, a photo, a video, a voice message, a document or a location.
error-busy = Your previous message is still being processed. Please try again.

welcome = Hello, { $name }! I am the support assistant. Tell us what happened and we will open a ticket with our team.
welcome-returning = If this is about a request you already sent, tap ↩️ Answer under our reply there, or reply to one of its messages. The form below is for something new.
welcome-in-group = I can't take requests in a group chat, to keep your details private. Tap the button to continue in a private chat.
outside-form = Do you want to open a new support request?
outside-form-many = Do you want to open a new support request with these { $count } messages?
help =
  <b>How it works</b>
  /new — open a new request (one request per issue)
  /status — your requests and their state
  /cancel — stop the form in progress
  /language — change the language
  /forget — delete what this bot stores about you
  /help — this message
status-none = You have no requests yet. Send /new to open one.
status-draft = ✏️ You have a request you have not sent yet: finish it in the form above, or send /cancel.
status-more = { $count ->
    [one] …and { $count } older finished request.
   *[other] …and { $count } older finished requests.
  }
unknown-command = I don't know that command.
status-title = <b>Your requests</b>
status-line = { $category } · { $status } · { $date }{ $ticket ->
    [none] {""}
   *[other] {" "}· ticket #{ $ticket }
  }
  <i>{ $summary }</i>
status-submitted = received
status-filing-delayed = received, filing delayed
status-ticket-created = open
status-awaiting-customer = waiting for your reply
status-solved = solved
status-closed = closed
nothing-to-cancel = There is no form in progress.
choose-language = Choose your language:
language-set = Language set: English.

command-start = Start the bot
command-new = Open a new support request
command-status = Your requests and their state
command-cancel = Cancel the form in progress
command-help = How the bot works
command-language = Change the language
command-forget = Delete what the bot stores about you
forget-confirm =
  <b>Delete what this bot stores about you?</b>
  That is your chat state and language, your request history and the links between this chat and your tickets.
  Our team's replies to tickets that are still open will then no longer reach this chat.
  Your tickets themselves stay in our help desk, where they are kept under our company's data policy.
button-forget-confirm = 🗑 Delete my data
button-forget-keep = Keep it
forget-kept = Nothing was deleted.
forget-done =
  🗑 <b>Deleted from this bot:</b>
  requests: { $requests }
  ticket links: { $links }
  help desk profile link: { $profiles }
  chat state and language: { $sessions }
  messages waiting for a ticket choice: { $held }
forget-nothing = This bot stores nothing about you.
forget-withdrawn = { $count ->
    [one] One request had not reached our support team yet: it is withdrawn and will not be filed.
   *[other] { $count } requests had not reached our support team yet: they are withdrawn and will not be filed.
  }
forget-open-tickets = Still open: { $tickets }. { $count ->
    [one] Replies to this ticket can no longer reach you here; send /new if you still need help.
   *[other] Replies to these tickets can no longer reach you here; send /new if you still need help.
  }
forget-remains = Your tickets and messages remain in our help desk (Zendesk) and are kept or deleted there under our company's data policy. To have them removed as well, ask our support team.
ticket-created = 🎫 Your ticket is <b>#{ $ticket }</b>. { $hours ->
    [0] We aim to answer within { $minutes } minutes.
    [one] We aim to answer within an hour.
   *[other] We aim to answer within { $hours } hours.
  } Our team's replies will appear in this chat.
ticket-created-business-hours = 🎫 Your ticket is <b>#{ $ticket }</b>. { $hours ->
    [0] We aim to answer within { $minutes } working minutes
    [one] We aim to answer within one working hour
   *[other] We aim to answer within { $hours } working hours
  }, by { $due } ({ $zone } time). Our team's replies will appear in this chat.
ticket-solved = ✅ Ticket <b>#{ $ticket }</b> is solved. If something is still wrong, press <b>Reopen</b>. How satisfied are you with our help, from 1 (poor) to 5 (excellent)?
ticket-solved-rated = ✅ Ticket <b>#{ $ticket }</b> is solved. { $score ->
    [1] You rated our help 1 out of 5. We are sorry we let you down: press <b>Reopen</b> and tell us what is still wrong.
    [2] You rated our help 2 out of 5. We are sorry we let you down: press <b>Reopen</b> and tell us what is still wrong.
   *[other] You rated our help { $score } out of 5: thank you! If something is still wrong, press <b>Reopen</b>.
  }
ticket-reopened = 🔄 Ticket <b>#{ $ticket }</b> is open again. Tell us here what is still wrong.
follow-up-reopened = 🔄 Ticket <b>#{ $ticket }</b> is open again, with your message. Our team will answer here.
rating-thanks = Thank you for your rating!
button-reopen = 🔄 Reopen
nudge-question = ⏳ Your message has not reached our team yet: choose its request above, and it is sent at once.
nudge-question-new = ⏳ Your message has not reached our team yet. To send it, press “➕ New request” above.
nudge-form = 📝 Your request{ $about } is not sent yet. It is kept for { $hours } more { $hours ->
    [one] hour
   *[other] hours
  }: press Continue to finish it, or send /cancel to drop it.
button-continue = ▶️ Continue
request-delayed = ⏳ Your request is taking longer than usual to reach our support team. It is saved and we are still trying: its ticket number will appear here. There is no need to send the request again.
ticket-pending = ⏳ Ticket <b>#{ $ticket }</b> is waiting for your reply.
follow-up-which = Which request is this about?
  Your message reaches our team once you choose.
ticket-closed-for-good = Ticket #{ $ticket } is closed and can no longer be reopened. Send /new if you still need help.
ticket-closed = 🔒 Ticket <b>#{ $ticket }</b> is closed. Send /new if you still need help.
follow-up-question-closed = This question is no longer open. If your message has not reached a ticket, please send it again.
rating-closed = Ticket #{ $ticket } is closed, so it can no longer be rated. Thank you all the same!
button-expired = This button has expired.
follow-up-which-many = Which request are these { $count } messages about?
  They reach our team once you choose.
button-answer = ↩️ Answer
answer-prompt = ✍️ Your answer to ticket <b>#{ $ticket }</b>:
answer-placeholder = Answer to #{ $ticket }
follow-up-added = Added to ticket #{ $ticket }.
follow-up-thanks = You're welcome! If anything else comes up, just write here.
follow-up-added-to-new = Added to the request you just sent; its ticket number follows here.
topic-message-kept = Noted: this goes on the topic's ticket as soon as it is open.
topic-ticket-pending = We are still opening the ticket for this topic. Please send that message again in a moment.
