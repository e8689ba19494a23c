import type { Language, TenantNoticeType } from '@backbone/shared/approvals';

interface Facts {
  /** An invoice's number, a budget's threshold: what the reader needs to find the item in the portal. */
  detail: string;
  state?: 'opened' | 'resolved';
}
type Text = { title: string; body: string };
type Kind = TenantNoticeType | 'notice.incident.resolved';

/** What a tenant's people read, in their language: the fact and where to see it, no amounts, no links. */
const TEXTS: Record<Language, Record<Kind, (f: Facts) => Text>> = {
  en: {
    'notice.archive_ready': (f) => ({
      title: 'Data archive ready',
      body: `Your workspaces were archived when the subscription ended. Download or restore them in the Customer Portal until ${f.detail}.`,
    }),
    'notice.incident': () => ({
      title: 'Service incident',
      body: 'A platform incident affects services in your plan. Updates are in the Customer Portal.',
    }),
    'notice.incident.resolved': () => ({
      title: 'Incident resolved',
      body: 'The platform incident affecting your plan is resolved. Any SLA credit follows on your next invoice.',
    }),
    'notice.budget_threshold': (f) => ({
      title: `Budget at ${f.detail}%`,
      body: `Agent spend this month reached ${f.detail}% of your budget. Details are in the Customer Portal.`,
    }),
    'notice.invoice_ready': (f) => ({
      title: 'Invoice ready',
      body: `Invoice ${f.detail} is ready in the Customer Portal.`,
    }),
    'notice.credit_issued': () => ({
      title: 'Credit issued',
      body: 'A credit note was issued to your account. It is in the Customer Portal.',
    }),
  },
  de: {
    'notice.archive_ready': (f) => ({
      title: 'Datenarchiv bereit',
      body: `Ihre Workspaces wurden mit dem Ende des Abonnements archiviert. Herunterladen oder wiederherstellen im Customer Portal bis ${f.detail}.`,
    }),
    'notice.incident': () => ({
      title: 'Störung',
      body: 'Eine Plattformstörung betrifft Dienste Ihres Tarifs. Updates finden Sie im Customer Portal.',
    }),
    'notice.incident.resolved': () => ({
      title: 'Störung behoben',
      body: 'Die Störung ist behoben. Eine SLA-Gutschrift erscheint auf Ihrer nächsten Rechnung.',
    }),
    'notice.budget_threshold': (f) => ({
      title: `Budget bei ${f.detail} %`,
      body: `Die Agentenkosten dieses Monats erreichen ${f.detail} % Ihres Budgets. Details im Customer Portal.`,
    }),
    'notice.invoice_ready': (f) => ({
      title: 'Rechnung bereit',
      body: `Rechnung ${f.detail} liegt im Customer Portal bereit.`,
    }),
    'notice.credit_issued': () => ({
      title: 'Gutschrift erstellt',
      body: 'Für Ihr Konto wurde eine Gutschrift erstellt. Sie finden sie im Customer Portal.',
    }),
  },
  fr: {
    'notice.archive_ready': (f) => ({
      title: 'Archive de données prête',
      body: `Vos espaces de travail ont été archivés à la fin de l'abonnement. Téléchargez-les ou restaurez-les dans le Customer Portal jusqu'au ${f.detail}.`,
    }),
    'notice.incident': () => ({
      title: 'Incident de service',
      body: 'Un incident de la plateforme touche des services de votre offre. Suivi dans le Customer Portal.',
    }),
    'notice.incident.resolved': () => ({
      title: 'Incident résolu',
      body: "L'incident est résolu. Un éventuel avoir SLA figurera sur votre prochaine facture.",
    }),
    'notice.budget_threshold': (f) => ({
      title: `Budget à ${f.detail} %`,
      body: `Les dépenses d'agents de ce mois atteignent ${f.detail} % de votre budget. Détails dans le Customer Portal.`,
    }),
    'notice.invoice_ready': (f) => ({
      title: 'Facture disponible',
      body: `La facture ${f.detail} est disponible dans le Customer Portal.`,
    }),
    'notice.credit_issued': () => ({
      title: 'Avoir émis',
      body: 'Un avoir a été émis sur votre compte. Il est dans le Customer Portal.',
    }),
  },
  es: {
    'notice.archive_ready': (f) => ({
      title: 'Archivo de datos listo',
      body: `Sus espacios de trabajo se archivaron al terminar la suscripción. Descárguelos o restáurelos en el Customer Portal hasta el ${f.detail}.`,
    }),
    'notice.incident': () => ({
      title: 'Incidencia del servicio',
      body: 'Una incidencia de la plataforma afecta a servicios de su plan. Novedades en el Customer Portal.',
    }),
    'notice.incident.resolved': () => ({
      title: 'Incidencia resuelta',
      body: 'La incidencia está resuelta. Cualquier crédito SLA aparecerá en su próxima factura.',
    }),
    'notice.budget_threshold': (f) => ({
      title: `Presupuesto al ${f.detail} %`,
      body: `El gasto en agentes de este mes alcanzó el ${f.detail} % de su presupuesto. Detalles en el Customer Portal.`,
    }),
    'notice.invoice_ready': (f) => ({
      title: 'Factura disponible',
      body: `La factura ${f.detail} está disponible en el Customer Portal.`,
    }),
    'notice.credit_issued': () => ({
      title: 'Nota de crédito emitida',
      body: 'Se emitió una nota de crédito a su cuenta. Está en el Customer Portal.',
    }),
  },
  hi: {
    'notice.archive_ready': (f) => ({
      title: 'डेटा संग्रह तैयार',
      body: `सदस्यता समाप्त होने पर आपके वर्कस्पेस संग्रहीत किए गए। ${f.detail} तक Customer Portal में डाउनलोड या पुनर्स्थापित करें।`,
    }),
    'notice.incident': () => ({
      title: 'सेवा में व्यवधान',
      body: 'एक प्लेटफ़ॉर्म व्यवधान आपकी योजना की सेवाओं को प्रभावित कर रहा है। अपडेट Customer Portal में हैं।',
    }),
    'notice.incident.resolved': () => ({
      title: 'व्यवधान हल हुआ',
      body: 'व्यवधान हल हो गया है। कोई भी SLA क्रेडिट आपके अगले चालान में दिखेगा।',
    }),
    'notice.budget_threshold': (f) => ({
      title: `बजट ${f.detail}% पर`,
      body: `इस महीने एजेंट खर्च आपके बजट के ${f.detail}% तक पहुँच गया है। विवरण Customer Portal में है।`,
    }),
    'notice.invoice_ready': (f) => ({
      title: 'चालान तैयार',
      body: `चालान ${f.detail} Customer Portal में तैयार है।`,
    }),
    'notice.credit_issued': () => ({
      title: 'क्रेडिट जारी',
      body: 'आपके खाते में एक क्रेडिट नोट जारी किया गया है। यह Customer Portal में है।',
    }),
  },
};

export function noticeText(language: Language, type: TenantNoticeType, facts: Facts): Text {
  const kind: Kind = type === 'notice.incident' && facts.state === 'resolved' ? 'notice.incident.resolved' : type;
  return TEXTS[language][kind](facts);
}
