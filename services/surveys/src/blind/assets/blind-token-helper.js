/* global document, location, history, URLSearchParams, blindRsaClient */
// The blind-token helper of a blind survey's page: adds a labelled membership-code field and a
// button to #blind-token-section, gets a token with blind-rsa-client.js and writes it into the
// `token` field, announcing each step in a live region. A fragment of /assets/survey-blind.js.

const texts = {
  en: {
    label: "Membership code",
    hint: "The code you received as a member. It is spent to sign your token and never sent with your answers.",
    button: "Get my anonymous token",
    working: "Getting a signed token…",
    done: "Your anonymous token is filled in below. You can answer now, or keep the token and answer later.",
    missing: "Enter your membership code first.",
    failed: "No token: ",
  },
  de: {
    label: "Mitgliedscode",
    hint: "Der Code, den Sie als Mitglied erhalten haben. Er wird verbraucht, um Ihr Token zu signieren, und nie mit Ihren Antworten gesendet.",
    button: "Mein anonymes Token holen",
    working: "Signiertes Token wird geholt …",
    done: "Ihr anonymes Token steht unten. Sie können jetzt antworten oder das Token aufheben und später antworten.",
    missing: "Bitte zuerst den Mitgliedscode eingeben.",
    failed: "Kein Token: ",
  },
};

const element = (tag, attributes, text) => {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  if (text) el.textContent = text;
  return el;
};

const start = () => {
  const section = document.getElementById("blind-token-section");
  const slug = section?.dataset.blindSurvey;
  if (!section || !slug) return;
  const lang = (document.documentElement.lang || "en").slice(0, 2);
  const t = texts[lang] ?? texts.en;
  const tokenInput = section.querySelector("input[name=token]") ?? document.querySelector("input[name=token]");

  const helper = element("div", { class: "blind-helper" });
  const label = element("label", { for: "blind-credential" }, t.label);
  const hint = element("p", { id: "blind-credential-hint", class: "muted" }, t.hint);
  // No name attribute: the code never travels with the form, only to the signing request.
  const input = element("input", {
    id: "blind-credential",
    type: "text",
    autocomplete: "off",
    spellcheck: "false",
    "aria-describedby": "blind-credential-hint",
  });
  const button = element("button", { type: "button", id: "blind-get-token" }, t.button);
  const status = element("p", { id: "blind-status", role: "status", "aria-live": "polite" });
  helper.append(label, hint, input, button, status);
  // Before the token field and its label, so the steps read in order: code, button, token.
  const tokenLabel = tokenInput?.id ? section.querySelector(`label[for="${tokenInput.id}"]`) : null;
  let anchor = tokenLabel ?? tokenInput;
  while (anchor && anchor.parentElement !== section) anchor = anchor.parentElement;
  section.insertBefore(helper, anchor ?? null);

  // An invite link of a blind survey carries the membership code as `?token=`: it belongs in
  // the code field, not in the answer's token field, and out of the address bar and history.
  const query = new URLSearchParams(location.search);
  const linked = query.get("token") ?? "";
  const prefilled = tokenInput?.value.trim() ?? "";
  const code = [prefilled, linked].find((value) => value && !value.includes("."));
  if (code) {
    input.value = code;
    if (tokenInput && prefilled === code) tokenInput.value = "";
  }
  if (linked) {
    query.delete("token");
    history.replaceState(null, "", location.pathname + (query.size ? `?${query}` : "") + location.hash);
  }

  button.addEventListener("click", async () => {
    // WebCrypto exists only on secure pages (https, or localhost while testing).
    if (!globalThis.crypto?.subtle) {
      status.textContent = t.failed + t.insecure;
      return;
    }
    const credential = input.value.trim();
    if (!credential) {
      status.textContent = t.missing;
      input.focus();
      return;
    }
    button.disabled = true;
    status.textContent = t.working;
    try {
      const token = await blindRsaClient.makeToken(slug, credential);
      if (tokenInput) tokenInput.value = token;
      input.value = "";
      status.textContent = t.done;
    } catch (error) {
      status.textContent = t.failed + (error instanceof Error ? error.message : String(error));
    } finally {
      button.disabled = false;
    }
  });
};

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
