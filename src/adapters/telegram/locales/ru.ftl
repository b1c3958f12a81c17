### Russian bot texts. Keys must match en.ftl; src/adapters/telegram/i18n.test.ts checks they do.
language-name = Русский
category-shipping = 🚚 Доставка
category-payment = 💳 Оплата и счета
category-returns = ↩️ Возвраты и деньги
category-order = 📦 Изменение заказа
category-account = 👤 Аккаунт
category-product = 🛍 Вопрос о товаре
category-other = 💬 Другое
priority-standard = Обычный
priority-urgent = Срочный
priority-urgent-suggested = 🔥 Срочный (рекомендуем)

button-new-request = ➕ Новое обращение
button-no-order-id = У меня его нет
button-done = ✅ Готово
button-confirm = ✅ Отправить
button-edit = ✏️ Изменить
button-cancel = ✖️ Отменить
button-back = ◀️ Назад
button-edit-category = Тема
button-edit-order-id = Номер заказа
button-edit-priority = Срочность
button-edit-description = Описание
button-article-solved = ✅ Это решило вопрос
button-article-need-help = 💬 Мне всё ещё нужна помощь
button-open-private-chat = Открыть личный чат

form-title = <b>Новое обращение</b>
form-ask-category = С чем связан ваш вопрос?
form-carried = Ваше сообщение войдёт в описание — там его можно будет дополнить.
form-ask-order-id = Пришлите номер заказа, например <code>{ $example }</code>.
form-ask-priority = Насколько это срочно?
  Обычный: ответим в рабочее время. Срочный: что-то не работает прямо сейчас (не прошла оплата, доставка сегодня).
form-ask-priority-suggested = Проблемы с оплатой обычно срочные; выберите «Срочный», если платёж не прошёл.
form-ask-description = Опишите проблему своими словами. Можно отправить несколько сообщений, фото или документы. Когда закончите, нажмите <b>Готово</b>.
form-description-progress = Получено: { $messages ->
    [one] { $messages } сообщение
    [few] { $messages } сообщения
   *[many] { $messages } сообщений
  }{ $attachments ->
    [0] {""}
    [one] {" "}и { $attachments } вложение
    [few] {" "}и { $attachments } вложения
   *[many] {" "}и { $attachments } вложений
  }. Отправьте ещё или нажмите <b>Готово</b>.
form-description-progress-files = Получено: { $attachments ->
    [one] { $attachments } вложение
    [few] { $attachments } вложения
   *[many] { $attachments } вложений
  }. Отправьте ещё или нажмите <b>Готово</b>.
form-ask-articles = Возможно, ответ есть в этих статьях. Если одна из них помогла, нажмите <b>Это решило вопрос</b>; если нет — <b>Мне всё ещё нужна помощь</b>, и мы продолжим оформление обращения.
form-deflected = 🎉 <b>Рады, что это помогло!</b> Заявка не создана. Напишите /new, когда понадобится помощь.
form-summary-title = <b>Проверьте обращение</b>
form-field-category = Тема
form-field-order-id = Номер заказа
form-field-priority = Срочность
form-field-description = Описание
form-field-attachments = Вложения
form-no-order-id = нет
form-ask-edit = Что вы хотите изменить?
form-submitted = ✅ <b>Обращение принято.</b> Мы создаём заявку и скоро пришлём сюда её номер.
form-cancelled = Обращение отменено. Напишите /new, когда понадобится помощь.
form-expired = Срок этой формы истёк. Напишите /new, чтобы начать новое обращение.
form-replaced = Эта форма заменена новой.

error-invalid-order-id = Это не похоже на номер заказа. Номера заказов выглядят так: <code>{ $example }</code>. Попробуйте ещё раз.
error-order-id-required = Для этой темы нужен номер заказа. Он есть в письме с подтверждением заказа.
order-id-where-to-find = Он есть в письме с подтверждением заказа.
error-description-empty = Сначала опишите проблему: отправьте сообщение, фото или документ.
error-description-too-long = Описание слишком длинное (больше { $max } символов). Пожалуйста, сократите его.
error-too-many-messages = Это больше { $max } сообщений для одного описания. Нажмите <b>Готово</b> или отправьте /cancel и начните заново с более коротким описанием.
error-too-many-attachments = К одному обращению можно приложить не больше { $max } файлов.
error-not-expected-now = Пожалуйста, воспользуйтесь кнопками формы выше или отправьте /cancel, чтобы остановиться.
error-unsupported-message = Такие сообщения я здесь не принимаю. Пожалуйста, отправьте текст, фото, видео, голосовое сообщение или документ.
error-busy = Ваше предыдущее сообщение ещё обрабатывается. Попробуйте ещё раз.

welcome = Здравствуйте, { $name }! Я помощник службы поддержки. Расскажите, что случилось, и мы создадим заявку для нашей команды.
welcome-in-group = В групповом чате я не принимаю обращения, чтобы ваши данные оставались личными. Нажмите кнопку, чтобы продолжить в личном чате.
outside-form = Хотите создать новое обращение?
help =
  <b>Как это работает</b>
  /new — новое обращение (одно обращение на один вопрос)
  /status — ваши обращения и их статус
  /cancel — прервать заполнение формы
  /language — сменить язык
  /forget — удалить то, что бот хранит о вас
  /help — эта справка
status-none = У вас пока нет обращений. Напишите /new, чтобы создать обращение.
status-draft = ✏️ У вас есть неотправленное обращение: завершите его в форме выше или отправьте /cancel.
status-title = <b>Ваши обращения</b>
status-line = { $category } · { $status } · { $date }{ $ticket ->
    [none] {""}
   *[other] {" "}· заявка #{ $ticket }
  }
  <i>{ $summary }</i>
status-submitted = принято
status-ticket-created = в работе
status-awaiting-customer = ждём вашего ответа
status-solved = решено
status-closed = закрыто
nothing-to-cancel = Сейчас нет незаполненной формы.
choose-language = Выберите язык:
language-set = Язык: русский.

command-start = Запустить бота
command-new = Новое обращение в поддержку
command-status = Ваши обращения и их статус
command-cancel = Отменить заполнение формы
command-help = Как работает бот
command-language = Сменить язык
command-forget = Удалить то, что бот хранит о вас
forget-confirm =
  <b>Удалить то, что бот хранит о вас?</b>
  Это состояние чата и выбранный язык, история обращений и связи этого чата с вашими заявками.
  Ответы нашей команды по ещё открытым заявкам после этого сюда не придут.
  Сами заявки остаются в нашей системе поддержки и хранятся там по правилам нашей компании.
button-forget-confirm = 🗑 Удалить мои данные
button-forget-keep = Оставить
forget-kept = Ничего не удалено.
forget-done =
  🗑 <b>Удалено из бота:</b>
  обращения: { $requests }
  связи с заявками: { $links }
  связь с профилем в системе поддержки: { $profiles }
  состояние чата и язык: { $sessions }
  сообщения, ожидающие выбора заявки: { $held }
forget-nothing = Бот ничего о вас не хранит.
forget-open-tickets = Ещё открыты: { $tickets }. Ответы по этим заявкам сюда больше не придут; если помощь ещё нужна, отправьте /new.
forget-remains = Ваши заявки и сообщения остаются в нашей системе поддержки (Zendesk) и хранятся или удаляются там по правилам нашей компании. Чтобы удалить и их, обратитесь в нашу поддержку.
ticket-created = 🎫 Номер вашей заявки: <b>#{ $ticket }</b>. { $hours ->
    [0] Постараемся ответить в течение { $minutes } мин.
    [one] Постараемся ответить в течение { $hours } часа.
   *[other] Постараемся ответить в течение { $hours } часов.
  } Ответы специалистов будут приходить в этот чат.
ticket-created-business-hours = 🎫 Номер вашей заявки: <b>#{ $ticket }</b>. { $hours ->
    [0] Постараемся ответить в течение { $minutes } мин. рабочего времени
    [one] Постараемся ответить в течение { $hours } рабочего часа
   *[other] Постараемся ответить в течение { $hours } рабочих часов
  }, то есть до: { $due } (время { $zone }). Ответы специалистов будут приходить в этот чат.
ticket-solved = ✅ Заявка <b>#{ $ticket }</b> решена. Если что-то ещё не так, нажмите <b>Открыть снова</b>. Насколько вы довольны нашей помощью, от 1 (плохо) до 5 (отлично)?
ticket-solved-rated = ✅ Заявка <b>#{ $ticket }</b> решена. Ваша оценка: { $score } из 5, спасибо! Если что-то ещё не так, нажмите <b>Открыть снова</b>.
ticket-reopened = 🔄 Заявка <b>#{ $ticket }</b> снова открыта. Напишите здесь, что ещё не так.
rating-thanks = Спасибо за оценку!
button-reopen = 🔄 Открыть снова
ticket-pending = ⏳ По заявке <b>#{ $ticket }</b> ждём вашего ответа.
follow-up-which = К какому обращению это относится?
button-expired = Эта кнопка устарела.
follow-up-added = Добавлено в заявку #{ $ticket }.
topic-ticket-pending = Мы ещё создаём заявку для этой темы. Пожалуйста, отправьте это сообщение ещё раз через минуту.
