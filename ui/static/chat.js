() => {
  // The chat's habits that Gradio has no setting for (ui/web/chat_script.py hands this to Gradio,
  // which runs it once on load). Everything is served by our own host; nothing is fetched.
  if (window.zhengceChat) return;
  window.zhengceChat = true;

  // Labels Gradio writes in English whatever the locale (its other labels come from the page's i18n).
  const LABELS = __FIXED_LABELS__;
  const COPY_LABELS = __COPY_LABELS__;
  const COPIED = __COPIED_LABEL__;

  // Gradio names each message 「bot's message: 」 plus its raw HTML; a reader hears who said what instead.
  const MESSAGE_LABEL = /^(bot|user|assistant)'s message: /;
  const SPEAKERS = { bot: "政策通的回答", assistant: "政策通的回答", user: "您的提问" };

  function messageLabel(element, speaker) {
    const plain = element.querySelector(".answer-plain");
    const text = (plain ? plain.textContent : element.innerText || "").replace(/\s+/g, " ").trim();
    return SPEAKERS[speaker] + "：" + (text.length > 80 ? text.slice(0, 80) + "…" : text);
  }

  function relabel() {
    for (const element of document.querySelectorAll("#chatbot [aria-label], #chatbot [title]")) {
      for (const attribute of ["aria-label", "title"]) {
        const value = element.getAttribute(attribute);
        if (!value) continue;
        if (Object.prototype.hasOwnProperty.call(LABELS, value)) {
          element.setAttribute(attribute, LABELS[value]);
        } else if (MESSAGE_LABEL.test(value)) {
          element.setAttribute(attribute, messageLabel(element, value.match(MESSAGE_LABEL)[1]));
        }
      }
    }
    // Several 删除 buttons: each names the conversation it deletes, for screen readers and on hover.
    for (const item of document.querySelectorAll("#chat-history .history-item")) {
      const open = item.querySelector(".history-open");
      const remove = item.querySelector(".history-delete");
      if (!open || !remove) continue;
      const title = open.textContent.trim();
      const label = "删除对话「" + title + "」";
      if (remove.getAttribute("aria-label") !== label) {
        remove.setAttribute("aria-label", label);
        remove.setAttribute("title", label);
        open.setAttribute("title", "打开对话「" + title + "」");
      }
    }
  }

  // The copy button copies the answer as plain text with its sources (div.answer-plain, written
  // by the server), not the HTML the message is made of.
  function messageRow(button) {
    const panel = button.closest(".message-buttons");
    if (!panel) return button.closest(".message-row");
    for (let node = panel.previousElementSibling; node; node = node.previousElementSibling) {
      if (node.classList.contains("message-row")) return node;
    }
    return panel.closest(".message-row");
  }

  function plainText(row) {
    const plain = row.querySelectorAll(".answer-plain");
    if (plain.length) return plain[plain.length - 1].textContent;
    const shown = row.querySelector(".prose") || row;
    return shown.innerText.trim();
  }

  async function writeClipboard(text) {
    try {
      await navigator.clipboard.writeText(text);
    } catch (error) {
      const area = document.createElement("textarea");
      area.value = text;
      area.style.position = "fixed";
      area.style.left = "-9999px";
      document.body.append(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
  }

  document.addEventListener(
    "click",
    (event) => {
      const button = event.target.closest && event.target.closest("#chatbot .message-buttons button");
      if (!button || !COPY_LABELS.includes(button.getAttribute("aria-label"))) return;
      const row = messageRow(button);
      if (!row) return;
      // Gradio's own handler would copy the raw HTML: it never sees this click.
      event.preventDefault();
      event.stopImmediatePropagation();
      writeClipboard(plainText(row)).then(() => {
        const label = button.getAttribute("aria-label");
        button.setAttribute("aria-label", COPIED);
        button.setAttribute("title", COPIED);
        setTimeout(() => {
          button.setAttribute("aria-label", label);
          button.setAttribute("title", label);
        }, 2000);
      });
    },
    true
  );

  // A new answer is read from its start: while it streams (and once when it is done) the view
  // keeps the answer's first line at the top, on a phone as on a desktop, instead of its end.
  const followed = new Set();

  function scroller(element) {
    for (let node = element.parentElement; node && node.id !== "chatbot"; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (/(auto|scroll)/.test(style.overflowY) && node.scrollHeight > node.clientHeight) return node;
    }
    return null;
  }

  function follow() {
    const starts = document.querySelectorAll("#chatbot .answer-start");
    const start = starts[starts.length - 1];
    if (!start || followed.has(start.id)) return;
    const row = start.closest(".message-row") || start;
    const box = scroller(row);
    if (box) box.scrollTop += row.getBoundingClientRect().top - box.getBoundingClientRect().top - 8;
    const top = row.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight * 0.6) window.scrollBy(0, top - 8);
    if (start.classList.contains("answer-done")) followed.add(start.id);
  }

  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      relabel();
      follow();
    });
  }).observe(document.body, {
    childList: true,
    subtree: true,
    characterData: true, // Gradio reuses a row when the list reorders: only its text changes
    attributes: true,
    attributeFilter: ["aria-label", "title"],
  });
}
