/**
 * Amazon outside Japan: Amazon.com and the .co.uk, .de, .fr, .it, .es, .ca and .com.au marketplaces.
 * Formats from mail-formats.md §2. Each marketplace is its own vendor (its own identity, currency and rules): a
 * gift card bought on amazon.de is charged in euros by a European bank, and the window names the marketplace.
 *
 * What is known (all English, all Amazon.com): the purchaser's order confirmation "Thanks for your order!" with
 * "Amazon eGift Card … Grand Total: $100.00 … Order # 113-2884719-5520264" and the notice "Your gift card was
 * sent to …" (§2.2, paraphrased in a gift-card scanner's test cases [F]); "Amazon Password Assistance" with a
 * 6-digit code (§2.3 [V: described]); "Your Amazon password has been changed" from account-update@amazon.com
 * (§2.3 [F]). The recipient-side subjects in five languages are verbatim (§2.1 [V]). Everything else — the
 * opened/redeemed notices, sign-in and account-change subjects, and every German, French, Italian and Spanish
 * purchaser-side wording — is inferred [I] from those and from the Japanese counterparts (§1.4 [V]), so the
 * markers accept alternatives and every rule needs an Amazon sender and a subject that says what happened.
 */
import type { FieldSource, Rule, RulePack } from '../rule';
import type { VendorIdentity } from '../identity';
import { AMAZON_ORDER_ID, DIGITS, escapeRe } from '../extract';
import { AMAZON_INFRA } from './amazon-jp';
import { subjectWithout } from './markers';

/** One language's wording of the notices. Subject patterns are tried on the NFKC-normalised subject. */
interface Wording {
  readonly lang: string;
  /** Order confirmations. */
  readonly order: RegExp;
  /** A gift card as an ordered item: never the payment line ("Gift Card balance", "Geschenkgutschein-Guthaben"). */
  readonly giftItem: RegExp;
  /** Order-total labels, most specific first ("Total" alone also starts "Total Before Tax"). */
  readonly total: readonly string[];
  readonly amountLabels: readonly string[];
  readonly recipientLabels: readonly string[];
  readonly sent: RegExp;
  readonly opened: RegExp;
  readonly redeemed: RegExp;
  readonly cancelled: RegExp;
  readonly passwordChanged: RegExp;
  readonly passwordReset: RegExp;
  readonly signin: RegExp;
  readonly accountChanged: RegExp;
  /** Cancellation wording: an order confirmation that says it was cancelled is no purchase. */
  readonly cancelWords: RegExp;
  /** Memberships and requests: "cancelled" but not an order that was cancelled. */
  readonly notAnOrder: RegExp;
  /** Recipient-side subjects (§2.1 [V]): a card someone sent to the user was not bought from the user's account. */
  readonly recipientSide: RegExp;
  /** Amazon's security newsletters and tips quote the notices they warn about. */
  readonly advice: RegExp;
  /** Requests and lures ("update your payment method", "card expired"): no change has happened. */
  readonly lure: RegExp;
}

// Amazon, Amazon.com, Amazon.co.uk, Amazon.com.au.
const AMZ = String.raw`Amazon(?:\.[a-z]{2,3}(?:\.[a-z]{2})?)?`;
const GC = String.raw`(?:e-?)?gift\s*card`;

const EN: Wording = {
  lang: 'en',
  // "Thanks for your order!" (§2.2 [F]); "Your Amazon.com order #…", "Ordered: …" (the new-style subject, like
  // JP "注文済み:" [V]) [I].
  order: /^Thanks for your order|^Your Amazon(?:\.[a-z.]+)? order\b|^Ordered:|\border confirmation\b/i,
  // "Amazon eGift Card - Happy Birthday" (§2.2 [F]); physical "Amazon.com Gift Card in a Greeting Card" and the
  // self-top-up "Amazon Reload" (the counterpart of JP チャージタイプ [V]) [I].
  giftItem: new RegExp(
    String.raw`\b${AMZ}\s+e-?Gift\s*Card\b|\b${AMZ}\s+Gift\s*Card\s+in\s+an?\s|\bAmazon\s+Reload\b`,
    'i',
  ),
  total: ['Grand Total', 'Order Total', 'Total'],
  amountLabels: ['Amount', 'Gift card amount', 'Value'],
  recipientLabels: ['Send to', 'Sent to', 'Recipient'],
  // "Your gift card was sent to +13109130200" (§2.2 [F]); "…was delivered to" follows it ("We'll let you know
  // once it's been delivered") [I].
  sent: new RegExp(String.raw`\b${GC} (?:was|has been) (?:sent|delivered) to\b`, 'i'),
  // The purchaser's "was received" notice is implied by the scanner's negative keyword (§2.2 [I]). "your" makes
  // it the purchaser's side ("Jordan received your Amazon gift card").
  opened: new RegExp(
    String.raw`\b(?:received|opened) your (?:${AMZ} )?${GC}\b|\byour (?:${AMZ} )?${GC} (?:was|has been) (?:received|opened)\b`,
    'i',
  ),
  // "added to your account" [I]; "Your gift card has been redeemed" was not confirmed (§8).
  redeemed: new RegExp(
    String.raw`\b${GC} (?:has been|was) (?:added|applied|redeemed)\b|\badded to your (?:${AMZ} )?(?:account|balance|gift card balance)\b`,
    'i',
  ),
  cancelled: /\border\b.*\bcancell?(?:ed|ation)\b|\bcancell?(?:ed|ation)\b.*\border\b/i,
  // "Your Amazon password has been changed" (§2.3 [F]).
  passwordChanged: /\bpassword (?:has been |was )?(?:changed|updated)\b/i,
  // "Amazon Password Assistance" (§2.3 [V: described]).
  passwordReset: /\bPassword Assistance\b|\bpassword reset\b|\breset your (?:Amazon )?password\b/i,
  // "Amazon Sign-in attempt" (brief [I]); "Action needed: Sign-in" mirrors JP "アクションが必要です: サインイン試行"
  // [V]; "Your Amazon account was accessed" was not confirmed (§8).
  signin:
    /\bsign-?in attempt\b|\bAction (?:needed|required):\s*Sign-?in\b|\bnew sign-?in\b|\bsign-?in (?:from|on) a new device\b|\baccount (?:was|has been) accessed\b/i,
  // "Revision to Your Amazon.com Account" and "…e-mail address has been changed" [I].
  accountChanged:
    /\bRevision to Your Amazon(?:\.[a-z.]+)? Account\b|\b(?:e-?mail address|mobile (?:phone )?number|phone number|payment method|(?:shipping |billing )?address|name|two-step verification settings?)\b.{0,20}\b(?:has been |was )?(?:changed|updated|added|removed)\b/i,
  cancelWords: /cancel/i,
  notAnOrder: /Prime|membership|subscription|Subscribe|Kindle Unlimited|Audible|request/i,
  recipientSide: /\bsent you\b|\bis waiting\b|\bfor you\b/i,
  advice: /\btips?\b|scam|phishing|protect your|beware|how to/i,
  lure: /password|expir|declined|problem|verify|update your|action required|suspend|locked|on hold|unusual/i,
};

const DE: Wording = {
  lang: 'de',
  order: /Ihre Amazon(?:\.de)?[- ]Bestellung|Bestellbestätigung|Vielen Dank für Ihre Bestellung|^Bestellt:/i,
  // "Amazon.de Geschenkgutschein", "Amazon.de E-Mail-Geschenkkarte"; not "Geschenkgutschein-Guthaben".
  giftItem:
    /\bAmazon(?:\.de)?[- ](?:E-Mail-)?Geschenk(?:gutschein|karte)\b(?![- ]?Guthaben)|\bE-Mail-Geschenk(?:gutschein|karte)\b(?![- ]?Guthaben)/i,
  total: ['Gesamtbetrag', 'Endbetrag', 'Gesamtsumme', 'Summe'],
  amountLabels: ['Betrag', 'Wert', 'Gutscheinwert'],
  recipientLabels: ['Empfänger', 'Gesendet an'],
  sent: /Geschenk(?:gutschein|karte) wurde an .+ (?:gesendet|versendet|verschickt|zugestellt)/i,
  opened:
    /(?:hat|haben) Ihren? (?:Amazon(?:\.de)? )?Geschenk(?:gutschein|karte) (?:erhalten|geöffnet)|Ihre?r? (?:Amazon(?:\.de)? )?Geschenk(?:gutschein|karte) wurde (?:empfangen|geöffnet)/i,
  redeemed:
    /Geschenk(?:gutschein|karte) wurde (?:Ihrem (?:Amazon-)?Konto )?(?:gutgeschrieben|hinzugefügt|eingelöst)|Ihrem (?:Geschenkkarten-|Gutschein-)?(?:Guthaben|Konto) (?:wurde )?(?:gutgeschrieben|hinzugefügt)/i,
  cancelled: /storniert|Stornierung/i,
  passwordChanged: /Passwort (?:wurde )?(?:geändert|aktualisiert)/i,
  passwordReset:
    /Passwort-?(?:Unterstützung|Hilfe)|Passwort zurücksetzen|Zurücksetzen (?:Ihres|des) Passworts/i,
  signin:
    /Anmeldeversuch|Anmeldung (?:von|auf|über) einem neuen Gerät|Aktion erforderlich:\s*Anmeldung|neue Anmeldung/i,
  accountChanged:
    /(?:E-Mail-Adresse|Mobiltelefonnummer|Handynummer|Telefonnummer|Zahlungsart|Zahlungsmethode|Lieferadresse|Adresse|Name)\b.{0,30}(?:geändert|aktualisiert|hinzugefügt|entfernt)|Änderung(?:en)? (?:an )?Ihre[ms]? Amazon(?:\.de)?[- ]Konto/i,
  cancelWords: /storn/i,
  notAnOrder: /Prime|Mitgliedschaft|Abonnement|Spar-Abo|Kindle Unlimited|Audible|Anfrage/i,
  recipientSide: /hat Ihnen|geschickt!|wartet auf Sie|für Sie/i,
  advice: /Tipps?\b|Betrug|Phishing|Vorsicht|Achtung|schützen/i,
  lure: /Passwort|abgelaufen|läuft ab|abgelehnt|Problem|bestätigen|aktualisieren Sie|Aktion erforderlich|gesperrt/i,
};

const FR: Wording = {
  lang: 'fr',
  order:
    /Votre commande Amazon(?:\.fr)?|Confirmation de (?:votre )?commande|Merci pour votre commande|^Commandé\s*:/i,
  // "Carte cadeau Amazon.fr", "e-carte cadeau Amazon"; not "Solde de la carte cadeau Amazon.fr" (payment).
  giftItem:
    /(?<!solde (?:de )?(?:la |votre )?)\b(?:e-?)?carte cadeau Amazon(?:\.fr)?\b|\bcarte cadeau (?:électronique|par e-?mail)/i,
  total: ['Montant total', 'Total de la commande', 'Total TTC', 'Total'],
  amountLabels: ['Montant', 'Valeur'],
  recipientLabels: ['Destinataire', 'Envoyée à', 'Envoyé à'],
  sent: /carte cadeau a été (?:envoyée|livrée|remise) à/i,
  opened:
    /a (?:reçu|ouvert) votre (?:e-?)?carte cadeau|votre (?:e-?)?carte cadeau (?:Amazon(?:\.fr)? )?a été (?:reçue|ouverte)/i,
  redeemed: /carte cadeau a été (?:ajoutée|appliquée|créditée)|ajoutée? à votre (?:compte|solde)/i,
  cancelled: /annulée?|annulation/i,
  passwordChanged: /mot de passe (?:Amazon )?a été (?:modifié|changé|mis à jour)/i,
  passwordReset:
    /Assistance (?:pour le |relative au )?mot de passe|réinitialis(?:ation|er) (?:de )?(?:votre |du )?mot de passe/i,
  signin:
    /Tentative de connexion|connexion (?:depuis|sur|à partir d'?) ?un nouvel appareil|Action requise\s*:\s*connexion|nouvelle connexion/i,
  accountChanged:
    /(?:adresse e-?mail|numéro de (?:téléphone|portable|mobile)|mode de paiement|moyen de paiement|adresse|nom)\b.{0,30}(?:a été|ont été) (?:modifié|mis à jour|ajouté|supprimé)e?s?|Révision de votre compte/i,
  cancelWords: /annul/i,
  notAnOrder: /Prime|abonnement|adhésion|Kindle Unlimited|Audible|demande/i,
  recipientSide: /vous a envoyé|vous attend|pour vous/i,
  advice: /conseils?\b|arnaque|escroquerie|hameçonnage|phishing|attention|protégez/i,
  lure: /mot de passe|expir|refusé|problème|vérifie|mettez à jour|mettre à jour|action requise|suspendu|bloqué/i,
};

const IT: Wording = {
  lang: 'it',
  order:
    /Il tuo ordine (?:Amazon(?:\.it)?|su Amazon)|Conferma (?:dell')?ordine|Grazie per (?:il tuo )?ordine|^Ordinato\s*:/i,
  giftItem: /(?<!Saldo (?:del )?)\bBuono Regalo Amazon(?:\.it)?\b|\bBuono Regalo (?:via e-?mail|digitale)\b/i,
  total: ['Totale ordine', "Totale dell'ordine", 'Totale complessivo', 'Totale'],
  amountLabels: ['Importo', 'Valore'],
  recipientLabels: ['Destinatario', 'Inviato a'],
  sent: /buono regalo è stato (?:inviato|consegnato) a/i,
  opened:
    /ha (?:ricevuto|aperto) il tuo buono regalo|il tuo buono regalo (?:Amazon(?:\.it)? )?è stato (?:ricevuto|aperto)/i,
  redeemed: /buono regalo è stato (?:aggiunto|applicato|riscattato)|aggiunto al tuo (?:account|saldo)/i,
  cancelled: /annullat[oa]|annullamento/i,
  passwordChanged: /password (?:Amazon )?è stata (?:modificata|cambiata|aggiornata)/i,
  passwordReset: /Assistenza (?:per la )?password|reimposta(?:zione)? (?:della )?password/i,
  signin:
    /Tentativo di accesso|accesso da un nuovo dispositivo|Azione richiesta\s*:\s*accesso|nuovo accesso/i,
  accountChanged:
    /(?:indirizzo e-?mail|numero di (?:telefono|cellulare)|metodo di pagamento|indirizzo|nome)\b.{0,30}(?:è stato|è stata|sono stati) (?:modificat|aggiornat|aggiunt|rimoss)[oaie]|Revisione del tuo account/i,
  cancelWords: /annull/i,
  notAnOrder: /Prime|abbonamento|iscrizione|Kindle Unlimited|Audible|richiesta/i,
  recipientSide: /ti ha inviato|ti aspetta|per te/i,
  advice: /consigli|truffa|phishing|attenzione|proteggi/i,
  lure: /password|scadut|scadenza|rifiutat|problema|verifica|aggiorna il|azione richiesta|sospes|bloccat/i,
};

const ES: Wording = {
  lang: 'es',
  order:
    /Tu pedido (?:de|en) Amazon(?:\.es)?|Confirmación de(?:l| tu)? pedido|Gracias por tu pedido|^Pedido realizado/i,
  giftItem:
    /(?<!Saldo (?:de(?:l)? )?)\b(?:Cheque|Tarjeta) regalo (?:de )?Amazon(?:\.es)?\b|\b(?:Cheque|Tarjeta) regalo (?:por e-?mail|digital)\b/i,
  total: ['Total del pedido', 'Importe total', 'Total'],
  amountLabels: ['Importe', 'Valor'],
  recipientLabels: ['Destinatario', 'Enviado a'],
  sent: /(?:cheque|tarjeta) regalo (?:se ha enviado|ha sido enviad[oa]|se ha entregado) a/i,
  opened:
    /ha (?:recibido|abierto) tu (?:cheque|tarjeta) regalo|tu (?:cheque|tarjeta) regalo (?:de Amazon(?:\.es)? )?(?:ha sido|se ha) (?:recibid|abiert)[oa]/i,
  redeemed:
    /(?:cheque|tarjeta) regalo (?:se ha|ha sido) (?:añadid|aplicad|canjead)[oa]|añadid[oa] a tu (?:cuenta|saldo)/i,
  cancelled: /cancelad[oa]|cancelación/i,
  passwordChanged:
    /contraseña (?:de Amazon )?(?:se )?ha (?:sido )?(?:cambiad|modificad|actualizad)a|se ha (?:cambiado|modificado) (?:tu|la) contraseña/i,
  passwordReset:
    /Asistencia (?:con la |de |para la )?contraseña|restablec(?:er|imiento de) (?:la |tu )?contraseña/i,
  signin:
    /Intento de inicio de sesión|inicio de sesión (?:desde|en) un (?:nuevo dispositivo|dispositivo nuevo)|Acción necesaria\s*:\s*inicio de sesión|nuevo inicio de sesión/i,
  accountChanged:
    /(?:dirección de (?:correo electrónico|e-?mail)|número de (?:teléfono|móvil)|método de pago|forma de pago|dirección|nombre)\b.{0,30}(?:ha sido|se ha) (?:cambiad|actualizad|añadid|modificad|eliminad)[oa]|Revisión de tu cuenta/i,
  cancelWords: /cancel/i,
  notAnOrder: /Prime|suscripción|membresía|Kindle Unlimited|Audible|solicitud/i,
  recipientSide: /te ha enviado|te está esperando|esperando|para ti/i,
  advice: /consejos?\b|estafa|fraude|phishing|atención|protege/i,
  lure: /contraseña|caducad|caduca|rechazad|problema|verifica|actualiza tu|acción necesaria|suspendid|bloquead/i,
};

interface Marketplace {
  readonly vendor: string;
  readonly currency: string;
  /** Only for a body time that names no zone; the rules below read body times only when they name one. */
  readonly zone: string;
  readonly wording: Wording;
}

const MARKETPLACES: readonly Marketplace[] = [
  { vendor: 'amazon.com', currency: 'USD', zone: 'America/Los_Angeles', wording: EN },
  { vendor: 'amazon.co.uk', currency: 'GBP', zone: 'Europe/London', wording: EN },
  { vendor: 'amazon.de', currency: 'EUR', zone: 'Europe/Berlin', wording: DE },
  { vendor: 'amazon.fr', currency: 'EUR', zone: 'Europe/Paris', wording: FR },
  { vendor: 'amazon.it', currency: 'EUR', zone: 'Europe/Rome', wording: IT },
  { vendor: 'amazon.es', currency: 'EUR', zone: 'Europe/Madrid', wording: ES },
  { vendor: 'amazon.ca', currency: 'CAD', zone: 'America/Toronto', wording: EN },
  { vendor: 'amazon.com.au', currency: 'AUD', zone: 'Australia/Sydney', wording: EN },
];

/**
 * An amount anywhere in a line: "$100.00", "CDN$ 50.00", "£25.00", "€ 30,00", "12,34 €". Ends in a digit, so a
 * sentence's full stop is not read as a decimal point. The digit runs are extract.ts DIGITS, bounded: unbounded, a
 * hostile body of one long run of digits was rescanned from each of them (quadratic backtracking).
 */
const MONEY = String.raw`(?:CDN|CA|AU|A|US)?\$\s?${DIGITS}|£\s?${DIGITS}|€\s?${DIGITS}|${DIGITS}\s?€|EUR\s?${DIGITS}`;

/**
 * A body time only when it names its zone ("Time: Apr 21, 2026 at 9:14 AM PT"): Amazon.com prints PT or ET
 * and a marketplace's zone cannot be guessed from the vendor, so anything else falls back to the Date header.
 */
const ZONED_TIME: FieldSource = {
  pattern:
    // Bounded to 80 characters: two lazy runs over a hostile line of any length would be quadratic.
    /(?:^|\n)[ \t]*(?:Time|Date|When|Date and time)[ \t]*:[ \t]*(?=[^\n]{0,80}?\d{1,2}:\d{2}[^\n]{0,40}?\b(?:[ECMP][SD]?T|GMT|UTC|BST)\b)([^\n]{1,80})/i,
};

const ORDER_ID: readonly FieldSource[] = [{ pattern: AMAZON_ORDER_ID }, { subject: AMAZON_ORDER_ID }];

function rulesFor(m: Marketplace): Rule[] {
  const w = m.wording;
  const common = { vendor: m.vendor, currency: m.currency, zone: m.zone } as const;
  const from = [m.vendor];
  const lang = w.lang === 'en' ? 'English' : `the ${w.lang} wording, inferred`;
  const amount: FieldSource[] = [
    { label: w.amountLabels },
    // "1 Amazon eGift Card $100.00 each" (§2.2 [F]).
    { pattern: new RegExp(`(${MONEY})\\s+(?:each|je|chacune?|ciascuno|cada uno)`, 'i') },
    // "$50.00 has been added to your account".
    { pattern: new RegExp(`(${MONEY})\\s+(?:has been|was) added`, 'i') },
  ];
  const total: FieldSource[] = w.total.map((label) => ({ label }));
  const notPurchaser = new RegExp(`${w.recipientSide.source}|${w.advice.source}`, 'i');
  return [
    {
      ...common,
      id: `${m.vendor}/giftcard-purchased`,
      kind: 'giftcard.purchased',
      basis:
        'Order confirmation with a gift card as an item: "Thanks for your order!" from auto-confirm@amazon.com, ' +
        '"Amazon eGift Card - Happy Birthday … Grand Total: $100.00 … Order # 113-2884719-5520264" ' +
        `(mail-formats.md §2.2 [F], paraphrased); on ${m.vendor} in ${lang} [I].`,
      from,
      subject: [subjectWithout(w.order, new RegExp(`${w.cancelWords.source}|${notPurchaser.source}`, 'i'))],
      body: [w.giftItem],
      fields: {
        amount: total,
        orderId: ORDER_ID,
        recipient: [{ label: w.recipientLabels }],
      },
    },
    {
      ...common,
      id: `${m.vendor}/giftcard-sent`,
      kind: 'giftcard.purchased',
      basis:
        'The purchaser\'s "Your gift card was sent to +13109130200 … 1 Amazon eGift Card $100.00 each. Send to: …" ' +
        `from do-not-reply@amazon.com (mail-formats.md §2.2 [F]); on ${m.vendor} in ${lang} [I]. It evidences a ` +
        'purchase; stored once with the confirmation of the same amount and day (settles). No order number is read, so ' +
        'it never adds to the order-total of the confirmation it follows.',
      from,
      subject: [subjectWithout(w.sent, notPurchaser)],
      // The notice repeats the purchase the order confirmation announced: with the same amount on the same day it
      // is that purchase and is stored once (Rule.settles, the mechanism JCB's settlement notices use).
      settles: `${m.vendor}/giftcard-purchased`,
      fields: {
        amount,
        recipient: [
          { label: w.recipientLabels },
          { subject: /(?:sent|delivered) to\s+(\S+)/i },
          { subject: /wurde an\s+(\S+)/i },
        ],
      },
    },
    {
      ...common,
      id: `${m.vendor}/giftcard-opened`,
      kind: 'giftcard.opened',
      basis:
        'The purchaser\'s "your gift card was received/opened" notice: implied by a gift-card scanner\'s negative ' +
        'keyword "was received" (mail-formats.md §2.2), wording not seen [I]; the counterpart of the JP 開封通知 ' +
        `(§1.3 [I]). On ${m.vendor} in ${lang} [I].`,
      from,
      subject: [subjectWithout(w.opened, notPurchaser)],
      fields: {
        amount: [...amount, { pattern: new RegExp(`(${MONEY})`) }],
        orderId: ORDER_ID,
        recipient: [{ label: w.recipientLabels }],
      },
    },
    {
      ...common,
      id: `${m.vendor}/giftcard-redeemed`,
      kind: 'giftcard.redeemed',
      basis:
        'A gift card applied to the account ("added to your account"): wording not confirmed, "Your gift card ' +
        `has been redeemed" is unconfirmed too (mail-formats.md §8) [I]. On ${m.vendor} in ${lang} [I].`,
      from,
      subject: [subjectWithout(w.redeemed, notPurchaser)],
      fields: { amount },
    },
    {
      ...common,
      id: `${m.vendor}/order-cancelled`,
      kind: 'order.cancelled',
      basis:
        'No cancellation sample was found (mail-formats.md §8) [I]: a subject that says an order was cancelled ' +
        `and a 3-7-7 order number in the body; memberships and cancellation requests are not. ${m.vendor}, ${lang}.`,
      from,
      subject: [subjectWithout(w.cancelled, w.notAnOrder)],
      body: [/\d{3}-\d{7}-\d{7}/],
      fields: { amount: total, orderId: ORDER_ID },
    },
    {
      ...common,
      id: `${m.vendor}/password-changed`,
      kind: 'account.password_changed',
      basis:
        '"Your Amazon password has been changed" from account-update@amazon.com (mail-formats.md §2.3 [F], a ' +
        `fixture); on ${m.vendor} in ${lang} [I].`,
      from,
      subject: [subjectWithout(w.passwordChanged, w.advice)],
      fields: { date: [ZONED_TIME] },
    },
    {
      ...common,
      id: `${m.vendor}/password-reset`,
      kind: 'account.password_reset',
      basis:
        '"Amazon Password Assistance" with a 6-digit code (mail-formats.md §2.3 [V: described], winenfood.com); ' +
        `on ${m.vendor} in ${lang} [I].`,
      from,
      subject: [subjectWithout(w.passwordReset, w.advice)],
      fields: { date: [ZONED_TIME] },
    },
    {
      ...common,
      id: `${m.vendor}/signin`,
      kind: 'account.signin',
      basis:
        '"Amazon Sign-in attempt" [I]; the English form of the JP "アクションが必要です: サインイン試行" with its ' +
        '"This wasn\'t me" link under /a/c/r/ (mail-formats.md §1.4 [V], §2.3) [I]. The phishing subjects of §2.3 ' +
        `("Unusual Login Attempt Detected") are not among the markers. ${m.vendor}, ${lang}.`,
      from,
      subject: [subjectWithout(w.signin, w.advice)],
      fields: { date: [ZONED_TIME] },
    },
    {
      ...common,
      id: `${m.vendor}/account-changed`,
      kind: 'account.changed',
      basis:
        'Account changes (e-mail address, phone number, payment method, address) from account-update@ (the ' +
        'sender of account notices, mail-formats.md §1.1 [V] for JP, §2.3 [F] for .com); subjects such as ' +
        `"Revision to Your Amazon.com Account" [I]. Only a completed change: requests and lures are not. ${m.vendor}, ${lang}.`,
      from: [`account-update@${m.vendor}`],
      subject: [subjectWithout(w.accountChanged, new RegExp(`${w.lure.source}|${w.advice.source}`, 'i'))],
      fields: { date: [ZONED_TIME] },
    },
  ];
}

function identityFor(m: Marketplace): VendorIdentity {
  const d = m.vendor;
  const escaped = escapeRe(d);
  return {
    vendor: d,
    // Gift-card mail: gc-orders@gc.email.amazon.<tld>, do-not-reply@(gift-cards.)amazon.<tld> (§2.1 [V]).
    domains: [d, `email.${d}`, `gc.email.${d}`, `gift-cards.${d}`],
    brandTokens: ['amazon'],
    // "Amazon.de", "Amazon.co.uk"; "Amazon.com" but not "Amazon.com.au". A bare "Amazon" is claimed by
    // amazon.co.jp (the first identity), as before.
    displayNames: new RegExp(`\\b${escaped}\\b(?!\\.[a-z])`, 'i'),
    infraDomains: AMAZON_INFRA,
  };
}

export const AMAZON_INTL: RulePack = {
  identities: MARKETPLACES.map(identityFor),
  rules: MARKETPLACES.flatMap(rulesFor),
};
