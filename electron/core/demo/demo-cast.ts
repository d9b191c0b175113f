// The people and numbers demo calls are made of. All invented: 555 numbers, made-up names.

export interface DemoAgent {
  id: string;
  name: string;
  team: string;
  /** The agent's own direct line, used as the caller id on internal calls. */
  line: string;
}

export interface DemoCustomer {
  id: string;
  account: string;
  name: string;
  phone: string;
  /** Where the customer is, which decides whether all parties must consent to recording. */
  jurisdiction: string;
}

export const AGENTS: readonly DemoAgent[] = [
  { id: 'a-101', name: 'Maya Patel', team: 'Billing East', line: '+18005551101' },
  { id: 'a-104', name: 'Daniel Okafor', team: 'Billing East', line: '+18005551104' },
  { id: 'a-117', name: 'Sofia Ramirez', team: 'Tech Support', line: '+18005551117' },
  { id: 'a-122', name: 'Liam Chen', team: 'Collections', line: '+18005551122' },
  { id: 'a-130', name: "Grace O'Neill", team: 'Sales & Retention', line: '+18005551130' },
  { id: 'a-141', name: 'Ethan Brooks', team: 'Customer Care', line: '+18005551141' },
];

export const CUSTOMERS: readonly DemoCustomer[] = [
  { id: 'CUST-88412', account: 'ACC-55120', name: 'Jordan Lee', phone: '+15551230001', jurisdiction: 'US-CA' },
  { id: 'CUST-88430', account: 'ACC-55187', name: 'Priya Nair', phone: '+15551230002', jurisdiction: 'US-NY' },
  { id: 'CUST-88457', account: 'ACC-55203', name: 'Marcus Johnson', phone: '+15551230003', jurisdiction: 'US-TX' },
  { id: 'CUST-88461', account: 'ACC-55219', name: 'Elena Petrova', phone: '+15551230004', jurisdiction: 'US-FL' },
  { id: 'CUST-88502', account: 'ACC-55266', name: 'Samuel Adeyemi', phone: '+15551230005', jurisdiction: 'US-WA' },
  { id: 'CUST-88519', account: 'ACC-55301', name: 'Hannah Schmidt', phone: '+15551230006', jurisdiction: 'US-IL' },
  { id: 'CUST-88533', account: 'ACC-55342', name: 'Carlos Mendoza', phone: '+15551230007', jurisdiction: 'US-CA' },
  { id: 'CUST-88548', account: 'ACC-55378', name: 'Aisha Rahman', phone: '+15551230008', jurisdiction: 'US-NJ' },
  { id: 'CUST-88576', account: 'ACC-55391', name: 'Tom Whitaker', phone: '+15551230009', jurisdiction: 'US-OH' },
  { id: 'CUST-88590', account: 'ACC-55420', name: 'Mei Tanaka', phone: '+15551230010', jurisdiction: 'US-PA' },
  { id: 'CUST-88611', account: 'ACC-55455', name: 'Olivia Brown', phone: '+15551230011', jurisdiction: 'US-GA' },
  { id: 'CUST-88637', account: 'ACC-55479', name: 'Noah Fischer', phone: '+15551230012', jurisdiction: 'US-MA' },
];

// States that require every party's consent to record (the rest need only one party's).
const ALL_PARTY_STATES = new Set(['US-CA', 'US-FL', 'US-WA', 'US-IL', 'US-PA', 'US-MA', 'US-MD', 'US-MT', 'US-NH', 'US-CT', 'US-DE']);

export function allPartyConsentRequired(jurisdiction: string): boolean {
  return ALL_PARTY_STATES.has(jurisdiction);
}

/** The number a customer dials for each queue; outbound calls show OUTBOUND_CALLER_ID. */
export const QUEUE_NUMBERS: Readonly<Record<string, string>> = {
  Billing: '+18005550100',
  Payments: '+18005550101',
  'Tech Support': '+18005550102',
  Complaints: '+18005550103',
  Retention: '+18005550104',
  Sales: '+18005550105',
  Collections: '+18005550106',
  'Back Office': '+18005550107',
};

export const OUTBOUND_CALLER_ID = '+18005550199';
