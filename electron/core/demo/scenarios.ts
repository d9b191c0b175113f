// What demo calls are about. Each scenario scripts one kind of contact-center call from the
// phrases in assets/speech, with enough chance in it that no two calls of a kind sound the same.
import type { Direction } from '../../../shared/types';
import type { ScriptBuilder } from './call-timeline';

export interface ScenarioOutcome {
  disposition: string;
  tags: string[];
  /** Whether the call gets a case number. */
  withCase: boolean;
}

export interface Scenario {
  name: string;
  queue: string;
  direction: Direction;
  /** Agent ids (see demo-cast) who take calls of this kind. */
  agents: readonly string[];
  /** Relative frequency in a generated store. */
  weight: number;
  script(s: ScriptBuilder): ScenarioOutcome;
}

function inboundOpening(s: ScriptBuilder): void {
  if (s.announcement) s.say('greet-recorded');
  s.say(s.rnd.pick(['greet-1', 'greet-2']));
  if (s.rnd.chance(0.3)) s.say('cust-hello');
}

function outboundOpening(s: ScriptBuilder): void {
  s.say('greet-outbound');
  s.say('cust-speaking');
  if (s.announcement) s.say('greet-recorded');
}

function identity(s: ScriptBuilder, full: boolean): void {
  if (s.rnd.chance(0.6)) s.say('id-intro');
  s.say('id-dob');
  s.say('cust-dob');
  if (full) {
    s.say('id-address');
    s.say('cust-address');
  }
  s.say('id-verified');
}

/** Agent announces a hold, the line goes quiet (dead air on both channels), agent comes back. */
function hold(s: ScriptBuilder, minSec: number, maxSec: number): void {
  s.say('hold-start');
  if (s.rnd.chance(0.7)) s.say('cust-hold-ok', { overtalk: s.rnd.chance(0.3) });
  s.hold(minSec, maxSec);
  s.say('hold-back');
}

function cardPayment(s: ScriptBuilder): void {
  s.say('pay-card');
  s.say('cust-card-number');
  s.say('pay-expiry');
  s.say('cust-card-code');
  s.say('pay-done');
}

function closing(s: ScriptBuilder): void {
  s.say('close-anything');
  s.say('cust-close-no');
  s.say('close-bye');
  if (s.rnd.chance(0.7)) s.say('cust-bye', { overtalk: s.rnd.chance(0.3) });
}

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'billing',
    queue: 'Billing',
    direction: 'inbound',
    agents: ['a-101', 'a-104'],
    weight: 4,
    script(s) {
      inboundOpening(s);
      const dispute = s.rnd.chance(0.4);
      s.say(dispute ? 'cust-billing-dispute' : 'cust-billing-double');
      s.say('billing-look');
      identity(s, s.rnd.chance(0.5));
      if (s.rnd.chance(0.3)) hold(s, 10, 60);
      s.say('billing-duplicate');
      s.say('cust-billing-refund', { overtalk: s.rnd.chance(0.3) });
      s.say('billing-refund');
      if (s.rnd.chance(0.3)) s.say('cust-okay');
      const paid = s.rnd.chance(0.25);
      if (paid) cardPayment(s);
      const upsell = s.rnd.chance(0.25);
      let sale = false;
      if (upsell) {
        s.say('sales-offer');
        s.say('cust-sales-price');
        s.say('sales-price');
        sale = s.rnd.chance(0.4);
        s.say(sale ? 'cust-sales-yes' : 'cust-sales-no');
      }
      closing(s);
      const tags = ['billing', dispute ? 'dispute' : 'duplicate-charge', 'refund'];
      if (upsell) tags.push('upsell');
      if (paid) tags.push('card-payment');
      return { disposition: sale ? 'refund_issued_and_sale' : 'refund_issued', tags, withCase: dispute };
    },
  },
  {
    name: 'payment',
    queue: 'Payments',
    direction: 'inbound',
    agents: ['a-101', 'a-104'],
    weight: 2,
    script(s) {
      inboundOpening(s);
      identity(s, true);
      cardPayment(s);
      if (s.rnd.chance(0.3)) s.say('cust-yes');
      closing(s);
      return { disposition: 'payment_taken', tags: ['payment', 'card-payment'], withCase: false };
    },
  },
  {
    name: 'tech-support',
    queue: 'Tech Support',
    direction: 'inbound',
    agents: ['a-117', 'a-141'],
    weight: 3,
    script(s) {
      inboundOpening(s);
      s.say('cust-tech-drops');
      if (s.rnd.chance(0.5)) s.say('cust-tech-tried');
      identity(s, false);
      s.say('tech-restart');
      s.say('cust-tech-restarting');
      // Waiting for the router: sometimes a long silence, sometimes only a moment.
      if (s.rnd.chance(0.4)) s.hold(6, 25);
      else s.pause(2, 4);
      s.say('tech-fixed');
      // A repeat caller isn't satisfied by "it's back up" and gets escalated.
      const repeat = s.rnd.chance(0.35);
      if (repeat) {
        s.say('cust-comp-third', { overtalk: s.rnd.chance(0.5) });
        s.say('comp-apology');
        hold(s, 20, 90);
        s.say('comp-case');
      }
      const engineer = repeat || s.rnd.chance(0.4);
      if (engineer) s.say('tech-engineer');
      if (s.rnd.chance(0.4)) s.say('cust-okay');
      closing(s);
      const tags = ['tech-support', 'connectivity'];
      if (repeat) tags.push('repeat-caller');
      return { disposition: engineer ? 'engineer_booked' : 'resolved', tags, withCase: engineer };
    },
  },
  {
    name: 'collections',
    queue: 'Collections',
    direction: 'outbound',
    agents: ['a-122'],
    weight: 3,
    script(s) {
      outboundOpening(s);
      identity(s, s.rnd.chance(0.3));
      // The FDCPA disclosure comes once the right party is confirmed.
      s.say('coll-miranda');
      s.say('coll-intro');
      s.say('coll-balance');
      s.say('cust-coll-hardship', { overtalk: s.rnd.chance(0.35) });
      s.say('coll-plan');
      s.say('cust-coll-offer');
      s.say('coll-agreed');
      const paid = s.rnd.chance(0.45);
      if (paid) cardPayment(s);
      closing(s);
      const tags = ['collections', 'payment-plan'];
      if (paid) tags.push('card-payment');
      return { disposition: paid ? 'payment_taken' : 'payment_plan', tags, withCase: false };
    },
  },
  {
    name: 'sales',
    queue: 'Sales',
    direction: 'outbound',
    agents: ['a-130'],
    weight: 2,
    script(s) {
      outboundOpening(s);
      identity(s, false);
      s.say('sales-offer');
      s.say('cust-sales-price', { overtalk: s.rnd.chance(0.3) });
      s.say('sales-price');
      const sale = s.rnd.chance(0.5);
      s.say(sale ? 'cust-sales-yes' : 'cust-sales-no');
      if (sale) {
        identity(s, true);
        if (s.rnd.chance(0.5)) cardPayment(s);
      }
      closing(s);
      return { disposition: sale ? 'sale' : 'no_sale', tags: ['sales', 'upgrade-offer'], withCase: false };
    },
  },
  {
    name: 'retention',
    queue: 'Retention',
    direction: 'inbound',
    agents: ['a-130', 'a-141'],
    weight: 2,
    script(s) {
      inboundOpening(s);
      s.say('cust-ret-cancel');
      identity(s, s.rnd.chance(0.5));
      s.say('ret-ask');
      if (s.rnd.chance(0.6)) hold(s, 15, 75);
      else s.pause(1, 2.5);
      s.say('ret-offer');
      const stays = s.rnd.chance(0.7);
      s.say(stays ? 'cust-ret-stay' : 'cust-sales-no');
      closing(s);
      return { disposition: stays ? 'retained' : 'cancellation_requested', tags: ['retention', 'cancellation'], withCase: !stays };
    },
  },
  {
    name: 'complaint',
    queue: 'Complaints',
    direction: 'inbound',
    agents: ['a-141', 'a-104'],
    weight: 2,
    script(s) {
      inboundOpening(s);
      s.say('cust-comp-third');
      s.say('comp-apology');
      // An upset caller talks over the apology.
      s.say('cust-comp-manager', { overtalk: true });
      identity(s, true);
      hold(s, 30, 110);
      s.say('comp-case');
      if (s.rnd.chance(0.6)) {
        s.say('cust-interrupt', { overtalk: true });
        s.say('agent-sure');
        s.say('cust-tech-tried');
        // Checking with a manager before promising anything.
        if (s.rnd.chance(0.6)) hold(s, 15, 60);
        s.say('tech-engineer');
      }
      closing(s);
      return { disposition: 'escalated', tags: ['complaint', 'escalation'], withCase: true };
    },
  },
  {
    name: 'internal',
    queue: 'Back Office',
    direction: 'internal',
    agents: ['a-101', 'a-104'],
    weight: 1,
    script(s) {
      s.say('greet-internal');
      s.say('cust-internal');
      s.say('billing-duplicate');
      s.say('cust-billing-refund');
      hold(s, 6, 20);
      s.say('billing-refund');
      s.say('comp-case');
      s.say('cust-okay');
      s.say('cust-bye');
      return { disposition: 'information', tags: ['internal', 'billing'], withCase: true };
    },
  },
];
