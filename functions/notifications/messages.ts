import type { Language } from '@backbone/shared/approvals';
type Kind = 'approval.requested' | 'approval.escalated';

/** What an approver reads, in their language: nothing about the customer or the record. */
const TEXTS: Record<Language, Record<Kind, { title: string; body: string }>> = {
  en: {
    'approval.requested': {
      title: 'Approval requested',
      body: 'An action waits for your decision in the Platform Portal.',
    },
    'approval.escalated': {
      title: 'Approval escalated to you',
      body: 'An action waits for your decision in the Platform Portal.',
    },
  },
  de: {
    'approval.requested': {
      title: 'Freigabe angefragt',
      body: 'Eine Aktion wartet im Platform Portal auf Ihre Entscheidung.',
    },
    'approval.escalated': {
      title: 'Freigabe an Sie eskaliert',
      body: 'Eine Aktion wartet im Platform Portal auf Ihre Entscheidung.',
    },
  },
  fr: {
    'approval.requested': {
      title: 'Approbation demandée',
      body: 'Une action attend votre décision dans le Platform Portal.',
    },
    'approval.escalated': {
      title: 'Approbation escaladée vers vous',
      body: 'Une action attend votre décision dans le Platform Portal.',
    },
  },
  es: {
    'approval.requested': {
      title: 'Aprobación solicitada',
      body: 'Una acción espera su decisión en el Platform Portal.',
    },
    'approval.escalated': {
      title: 'Aprobación escalada a usted',
      body: 'Una acción espera su decisión en el Platform Portal.',
    },
  },
  hi: {
    'approval.requested': { title: 'अनुमोदन का अनुरोध', body: 'Platform Portal में एक कार्रवाई आपके निर्णय की प्रतीक्षा में है।' },
    'approval.escalated': {
      title: 'अनुमोदन आपको सौंपा गया',
      body: 'Platform Portal में एक कार्रवाई आपके निर्णय की प्रतीक्षा में है।',
    },
  },
};

export function approvalText(language: Language, kind: string): { title: string; body: string } {
  return TEXTS[language][kind as Kind] ?? TEXTS.en['approval.requested'];
}
