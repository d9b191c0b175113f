// The two forms Earmark ships with, seeded (published, version 1) on first run. Ids are fixed so an
// export from one machine merges with the same built-in form on another.
import type { AnswerOption, CriticalScope, FormDefinition, FormQuestion, PerformanceBand } from '../../../shared/qa-types';

export const STANDARD_BANDS: PerformanceBand[] = [
  { label: 'Needs improvement', min: 0, tone: 'fail' },
  { label: 'Meets expectations', min: 70, tone: 'ok' },
  { label: 'Exceeds expectations', min: 90, tone: 'good' },
];

interface Opts {
  weight?: number;
  allowNa?: boolean;
  help?: string;
  /** What answering "no" fails. */
  noFails?: CriticalScope;
  required?: boolean;
}

function yesNo(id: string, text: string, o: Opts = {}): FormQuestion {
  const options: AnswerOption[] = [
    { id: 'yes', label: 'Yes', points: 1, critical: null },
    { id: 'no', label: 'No', points: 0, critical: o.noFails ?? null },
  ];
  return { id, type: 'yes_no', text, help: o.help ?? null, weight: o.weight ?? 1, allowNa: o.allowNa ?? false, required: o.required ?? true, options };
}

function choice(id: string, text: string, options: [string, string, number][], o: Opts = {}): FormQuestion {
  return {
    id,
    type: 'single_choice',
    text,
    help: o.help ?? null,
    weight: o.weight ?? 1,
    allowNa: o.allowNa ?? false,
    required: o.required ?? true,
    options: options.map(([oid, label, points]) => ({ id: oid, label, points, critical: null })),
  };
}

function scale1to5(id: string, text: string, o: Opts = {}): FormQuestion {
  return {
    id,
    type: 'scale',
    text,
    help: o.help ?? null,
    weight: o.weight ?? 1,
    allowNa: o.allowNa ?? false,
    required: o.required ?? true,
    min: 1,
    max: 5,
    minLabel: 'Poor',
    maxLabel: 'Excellent',
    ranges: [
      { from: 1, to: 2, points: 0, critical: null, label: 'Below standard' },
      { from: 3, to: 3, points: 2, critical: null, label: 'Adequate' },
      { from: 4, to: 4, points: 3, critical: null, label: 'Good' },
      { from: 5, to: 5, points: 4, critical: null, label: 'Excellent' },
    ],
  };
}

function notes(id: string, text: string): FormQuestion {
  return { id, type: 'text', text, help: null, weight: 0, allowNa: false, required: false };
}

export const CUSTOMER_SERVICE_FORM: FormDefinition = {
  title: 'Customer service call',
  description: 'General inbound service calls: greeting, discovery, resolution, soft skills and wrap-up.',
  bands: STANDARD_BANDS,
  sections: [
    {
      id: 'opening',
      title: 'Opening',
      description: null,
      weight: 15,
      questions: [
        yesNo('cs-greeting', 'Greeted the customer with the standard greeting and own name', { help: 'Company name, own name, offer to help, within the first 10 seconds.' }),
        yesNo('cs-verify', 'Verified the caller\u2019s identity before discussing the account', {
          weight: 2,
          allowNa: true,
          noFails: 'section',
          help: 'Two factors (e.g. date of birth and postcode). N/A when no account was discussed.',
        }),
      ],
    },
    {
      id: 'discovery',
      title: 'Discovery and resolution',
      description: null,
      weight: 40,
      questions: [
        choice('cs-understood', 'Understood the reason for the call', [
          ['first', 'Right away, with good questions', 2],
          ['late', 'After several attempts', 1],
          ['never', 'Never understood it', 0],
        ], { weight: 2 }),
        yesNo('cs-accurate', 'Gave accurate, complete information', { weight: 3 }),
        choice('cs-resolved', 'Resolution', [
          ['fcr', 'Resolved on this call', 3],
          ['next', 'Next steps agreed with a date', 2],
          ['escalated', 'Escalated correctly', 2],
          ['unresolved', 'Left unresolved without next steps', 0],
        ], { weight: 3 }),
        yesNo('cs-hold', 'Asked permission before hold and thanked the customer for holding', { allowNa: true }),
      ],
    },
    {
      id: 'soft-skills',
      title: 'Soft skills',
      description: null,
      weight: 30,
      questions: [
        scale1to5('cs-empathy', 'Empathy and tone', { weight: 2 }),
        scale1to5('cs-clarity', 'Clear, jargon-free explanations'),
        yesNo('cs-no-interrupt', 'Let the customer finish without interrupting'),
        yesNo('cs-dead-air', 'Kept dead air short (explained silences over 10 seconds)', { allowNa: true }),
      ],
    },
    {
      id: 'closing',
      title: 'Closing',
      description: null,
      weight: 15,
      questions: [
        yesNo('cs-summary', 'Summarised what was done and what happens next'),
        yesNo('cs-anything-else', 'Asked whether there was anything else'),
        yesNo('cs-notes', 'Left accurate account notes', { allowNa: true }),
        notes('cs-coaching', 'Coaching notes'),
      ],
    },
  ],
};

export const COLLECTIONS_FORM: FormDefinition = {
  title: 'Collections compliance',
  description:
    'Outbound and inbound collections calls (FDCPA / Regulation F). A missing mini-Miranda disclosure, a threat or a third-party disclosure fails the whole call.',
  bands: [
    { label: 'Non-compliant', min: 0, tone: 'fail' },
    { label: 'Needs improvement', min: 70, tone: 'warn' },
    { label: 'Compliant', min: 85, tone: 'ok' },
    { label: 'Exemplary', min: 95, tone: 'good' },
  ],
  sections: [
    {
      id: 'disclosures',
      title: 'Required disclosures',
      description: 'Each of these is a legal requirement.',
      weight: 40,
      questions: [
        yesNo('col-right-party', 'Confirmed right party contact before disclosing the debt', {
          weight: 2,
          noFails: 'form',
          help: 'Full name plus one identifier. Discussing the debt with a third party is a violation.',
        }),
        yesNo('col-mini-miranda', 'Gave the mini-Miranda disclosure', {
          weight: 3,
          noFails: 'form',
          help: '"This is an attempt to collect a debt and any information obtained will be used for that purpose." Required at the start of every call.',
        }),
        yesNo('col-recording', 'Announced that the call is recorded', { noFails: 'section', allowNa: true, help: 'N/A when the automated announcement played.' }),
        yesNo('col-validation', 'Offered validation rights where required', { allowNa: true, help: 'Initial communication only; N/A on later calls.' }),
      ],
    },
    {
      id: 'conduct',
      title: 'Conduct',
      description: null,
      weight: 30,
      questions: [
        yesNo('col-no-threats', 'No threats, harassment or misleading statements', { weight: 3, noFails: 'form' }),
        yesNo('col-cease', 'Honoured any request to stop calling or to call at another time', { allowNa: true, noFails: 'section' }),
        scale1to5('col-professional', 'Professional and respectful tone', { weight: 2 }),
      ],
    },
    {
      id: 'negotiation',
      title: 'Negotiation and payment',
      description: null,
      weight: 20,
      questions: [
        choice('col-outcome', 'Outcome', [
          ['paid', 'Payment taken', 3],
          ['plan', 'Payment plan agreed', 3],
          ['promise', 'Promise to pay with a date', 2],
          ['hardship', 'Hardship process offered', 2],
          ['none', 'No outcome, no next step', 0],
        ], { weight: 2 }),
        yesNo('col-options', 'Explained payment options clearly', { allowNa: true }),
        yesNo('col-card-safe', 'Took card details through the secure IVR (never read back aloud)', { allowNa: true, noFails: 'section' }),
      ],
    },
    {
      id: 'wrap-up',
      title: 'Wrap-up',
      description: null,
      weight: 10,
      questions: [
        yesNo('col-confirm', 'Confirmed the arrangement and sent written confirmation', { allowNa: true }),
        yesNo('col-notes', 'Documented the call accurately'),
        notes('col-remarks', 'Compliance remarks'),
      ],
    },
  ],
};

export const DEFAULT_FORMS: { id: string; definition: FormDefinition }[] = [
  { id: 'customer-service-call', definition: CUSTOMER_SERVICE_FORM },
  { id: 'collections-compliance', definition: COLLECTIONS_FORM },
];
