import type { BusinessCalendar } from '../shared/calendar';
import { isAtOrAfter, isBefore } from '../shared/envelope';
import type { Rule } from '../shared/rules';
import { isPositiveDuration } from './convention.schedule';
import type {
  ConventionContext,
  ConventionEventOf,
  ConventionEventType,
  ConventionParty,
  ConventionTerms,
  DutyOccurrence,
  ReviewAction,
} from './convention.types';
import { sixMonthDateReached as sharedSixMonthDateReached } from '../shared/evaluation';

type ConventionRule<T extends ConventionEventType = ConventionEventType> = Rule<ConventionContext, ConventionEventOf<T>>;

export const MIN_PARTIES = 2;
export const MAX_PARTIES = 30;

const BUSINESS_DATE = /^\d{4}-\d{2}-\d{2}$/;

function blank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim() === '';
}

function list(values: string[]): string {
  return values.join(', ');
}

// ---------------------------------------------------------------------------------------------------------
// Drafting and signature

/** What is wrong with a list of parties (003: 27 signatories; 004: 3); empty when fine. */
export function partyProblems(parties: ConventionParty[]): string[] {
  const problems: string[] = [];
  if (parties.length < MIN_PARTIES || parties.length > MAX_PARTIES) {
    problems.push(`${MIN_PARTIES} to ${MAX_PARTIES} parties (there are ${parties.length})`);
  }
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const party of parties) {
    if (seen.has(party.id)) duplicates.add(party.id);
    seen.add(party.id);
  }
  if (duplicates.size > 0) problems.push(`unique party ids (repeated: ${list([...duplicates])})`);
  const incomplete = parties.filter(
    (party) =>
      blank(party.id) ||
      blank(party.organisation) ||
      blank(party.role) ||
      blank(party.representative?.name) ||
      blank(party.representative?.title),
  );
  if (incomplete.length > 0) {
    const names = incomplete.map((party) => party.id || party.organisation || '?');
    problems.push(`an id, organisation, representative (name and title) and role for every party (incomplete: ${list(names)})`);
  }
  return problems;
}

/** What the terms lack or get wrong; empty when they can be signed. */
export function termsProblems(terms: ConventionTerms): string[] {
  const problems: string[] = [];
  if (blank(terms.title)) problems.push('a title');
  if (blank(terms.object)) problems.push('an object');
  if (!terms.term) {
    problems.push('a term (duration and tacit renewal)');
  } else {
    if (!isPositiveDuration(terms.term.duration))
      problems.push(`a term duration as an ISO 8601 duration such as P1Y (got ${terms.term.duration as string})`);
    if (typeof terms.term.tacitRenewal !== 'boolean') problems.push('whether the term renews tacitly');
    const max = terms.term.maxRenewals;
    if (max !== undefined && !(Number.isInteger(max) && max >= 0)) problems.push('a whole number of renewals at most');
  }
  if (terms.effectiveDate !== undefined && !BUSINESS_DATE.test(terms.effectiveDate)) problems.push('an effective date as YYYY-MM-DD');
  if (terms.review) {
    if (!isPositiveDuration(terms.review.anniversaryWindow)) problems.push('an anniversary window as an ISO 8601 duration such as P1M');
    if (!Array.isArray(terms.review.allows) || terms.review.allows.length === 0) problems.push('what the anniversary review allows');
  }
  if (terms.formalNoticePeriod !== undefined && !isPositiveDuration(terms.formalNoticePeriod)) {
    problems.push('a formal notice period as an ISO 8601 duration such as P2M');
  }
  const duties = terms.duties ?? [];
  if (new Set(duties.map((duty) => duty.id)).size !== duties.length) problems.push('unique duty ids');
  const badDuties = duties.filter(
    (duty) => blank(duty.id) || !isPositiveDuration(duty.every) || !['committee', 'report'].includes(duty.kind),
  );
  if (badDuties.length > 0) {
    const names = badDuties.map((duty) => duty.id || '?');
    problems.push(`a kind (committee or report) and a period such as P3M for every duty (not: ${list(names)})`);
  }
  return problems;
}

/** 2 to 30 signatories, each an organisation with its representative and role; party ids unique. */
export const partiesAreValid: ConventionRule<'OPEN_FOR_SIGNATURE'> = (context) => {
  const problems = partyProblems(context.parties);
  return problems.length === 0 ? undefined : `The parties are not ready for signature: they need ${list(problems)}.`;
};

/** The text to sign is complete: title, object, term, and well-formed review, notice and duty clauses. */
export const termsAreComplete: ConventionRule<'OPEN_FOR_SIGNATURE'> = (context) => {
  const problems = termsProblems(context.terms);
  return problems.length === 0 ? undefined : `The draft is incomplete: it needs ${list(problems)}.`;
};

function findParty(context: ConventionContext, id: string): ConventionParty | undefined {
  return context.parties.find((party) => party.id === id);
}

function partyIds(context: ConventionContext): string[] {
  return context.parties.map((party) => party.id);
}

export const signerIsParty: ConventionRule<'SIGN'> = (context, event) =>
  findParty(context, event.party) ? undefined : `${event.party} is not a party to this convention (parties: ${list(partyIds(context))}).`;

export const partyHasNotSigned: ConventionRule<'SIGN'> = (context, event) => {
  const signature = context.signatures.find((item) => item.party === event.party);
  return signature ? `${event.party} already signed on ${signature.at}.` : undefined;
};

/** The signature is the last one missing: the convention then enters into force. */
export const completesSignatures: ConventionRule<'SIGN'> = (context, event) => {
  const signed = new Set([...context.signatures.map((item) => item.party), event.party]);
  const awaiting = partyIds(context).filter((id) => !signed.has(id));
  return awaiting.length === 0 ? undefined : `Still awaiting the signatures of ${list(awaiting)}.`;
};

// ---------------------------------------------------------------------------------------------------------
// Review at the anniversary, amendments, denunciation

/**
 * 004 art. 10: amendment and denunciation only at the anniversary, inside the review window opened by
 * ANNIVERSARY. Without review rules (003), amendments are allowed at any time in force (003 art. 4:
 * "any change wished by either party gives rise to an amendment") and denunciation only after a formal
 * notice has lapsed.
 */
export function reviewRefusal(context: ConventionContext, at: string, action: ReviewAction): string | undefined {
  const review = context.terms.review;
  if (!review) {
    return action === 'amendment'
      ? undefined
      : 'This convention has no anniversary review: it can be denounced only once a formal notice has lapsed without remedy.';
  }
  if (!review.allows.includes(action)) return `The anniversary review of this convention does not allow ${action}.`;
  const window = context.reviewWindow;
  const next = context.nextAnniversaryAt ? ` The next window opens on ${context.nextAnniversaryAt}.` : '';
  if (!window) return `An ${action} is possible only at the anniversary, in the review window.${next}`;
  if (isBefore(at, window.opensAt) || isAtOrAfter(at, window.closesAt)) {
    return `An ${action} is possible only in the review window (from ${window.opensAt} until ${window.closesAt}); this one is at ${at}.${next}`;
  }
  return undefined;
}

export const amendmentWithinReviewWindow: ConventionRule<'AMEND'> = (context, event) => reviewRefusal(context, event.at, 'amendment');

/** An amendment (avenant) binds every party: signedBy lists every party and nobody else. */
export const amendmentSignedByEveryParty: ConventionRule<'AMEND'> = (context, event) => {
  const signedBy = new Set(event.signedBy ?? []);
  const unknown = [...signedBy].filter((id) => !findParty(context, id));
  if (unknown.length > 0) return `Only parties sign an amendment; not parties: ${list(unknown)}.`;
  const missing = partyIds(context).filter((id) => !signedBy.has(id));
  return missing.length === 0 ? undefined : `An amendment needs every party's signature; missing: ${list(missing)}.`;
};

/** The amendment says what it changes, and the amended terms are still complete and well-formed. */
export const amendmentIsValid: ConventionRule<'AMEND'> = (context, event) => {
  if (blank(event.summary)) return 'An amendment needs a summary of what it changes.';
  const changes = (event.changes ?? {}) as Record<string, unknown>;
  if ('effectiveDate' in changes) return 'An amendment cannot change the effective date.';
  const problems = termsProblems({ ...context.terms, ...(event.changes ?? {}) });
  return problems.length === 0 ? undefined : `The amended terms would be invalid: they need ${list(problems)}.`;
};

export const denunciationWithinReviewWindow: ConventionRule<'DENOUNCE'> = (context, event) =>
  reviewRefusal(context, event.at, 'denunciation');

/** "Either party" may denounce (003 art. 5, 004 art. 10), giving its reason. */
export const denunciationIsValid: ConventionRule<'DENOUNCE'> = (context, event) => {
  if (!findParty(context, event.party)) return `${event.party} is not a party to this convention.`;
  return blank(event.reason) ? 'A denunciation states its reason.' : undefined;
};

// ---------------------------------------------------------------------------------------------------------
// Deadlines: each rechecks the date against event.at, so an early or duplicate poke is refused

export const termEndReached: ConventionRule<'TERM_END'> = (context, event) => {
  const endsAt = context.currentTerm?.endsAt;
  return endsAt && isAtOrAfter(event.at, endsAt) ? undefined : `The current term ends on ${endsAt ?? 'a date not yet known'}.`;
};

/** 003 art. 4: tacitly renewed; 004 art. 10: three years, no renewal. */
export const tacitRenewalAvailable: ConventionRule<'TERM_END'> = (context) => {
  const term = context.terms.term;
  if (!term?.tacitRenewal) return 'This convention does not renew tacitly.';
  if (term.maxRenewals !== undefined && context.renewals >= term.maxRenewals) {
    return `The convention has already been renewed ${context.renewals} time(s), the most its terms allow.`;
  }
  return undefined;
};

export const anniversaryReached: ConventionRule<'ANNIVERSARY'> = (context, event) =>
  context.nextAnniversaryAt && isAtOrAfter(event.at, context.nextAnniversaryAt)
    ? undefined
    : context.nextAnniversaryAt
      ? `The next anniversary is on ${context.nextAnniversaryAt}.`
      : 'This convention has no anniversary review.';

export function findOccurrence(context: ConventionContext, dutyId: string, sequence: number): DutyOccurrence | undefined {
  return context.dutyOccurrences.find((item) => item.dutyId === dutyId && item.sequence === sequence);
}

/** The occurrence named by a DUTY_DUE poke has not fallen due yet, and its date is reached. */
export const dutyFallsDue: ConventionRule<'DUTY_DUE'> = (context, event) => {
  const occurrence = findOccurrence(context, event.dutyId, event.sequence);
  if (!occurrence) return `There is no occurrence ${event.sequence} of duty ${event.dutyId}.`;
  if (!occurrence.deadline) return `Occurrence ${event.sequence} of ${event.dutyId} already fell due (${occurrence.dueAt}).`;
  return isAtOrAfter(event.at, occurrence.deadline)
    ? undefined
    : `Occurrence ${event.sequence} of ${event.dutyId} falls due on ${occurrence.dueAt}.`;
};

// ---------------------------------------------------------------------------------------------------------
// Duties: committees and reports

/** The occurrence of a committee whose period contains the meeting date (a Paris business date). */
export function occurrenceForDate(context: ConventionContext, dutyId: string, date: string): DutyOccurrence | undefined {
  return context.dutyOccurrences.find(
    (item) => item.dutyId === dutyId && item.status !== 'cancelled' && item.firstDay <= date && date < item.endDay,
  );
}

function dutyOfKind(context: ConventionContext, id: string, kind: 'committee' | 'report') {
  return (context.terms.duties ?? []).find((duty) => duty.id === id && duty.kind === kind);
}

function dutyIdsOfKind(context: ConventionContext, kind: 'committee' | 'report'): string {
  const ids = (context.terms.duties ?? []).filter((duty) => duty.kind === kind).map((duty) => duty.id);
  return ids.length > 0 ? list(ids) : 'none';
}

/**
 * A committee meeting (004 art. 9) settles the occurrence of the period it was held in: the committee
 * must be one of the convention's, the date in a scheduled period, the minutes referenced, and that
 * period's meeting not already recorded.
 */
export const committeeRecordIsValid: ConventionRule<'RECORD_COMMITTEE'> = (context, event) => {
  if (!dutyOfKind(context, event.committee, 'committee')) {
    return `${event.committee} is not a committee of this convention (committees: ${dutyIdsOfKind(context, 'committee')}).`;
  }
  if (blank(event.minutesRef)) return 'A committee meeting is recorded with a reference to its minutes.';
  if (typeof event.date !== 'string' || !BUSINESS_DATE.test(event.date)) return 'The meeting date is a date YYYY-MM-DD.';
  const occurrence = occurrenceForDate(context, event.committee, event.date);
  if (!occurrence) {
    const scheduled = context.dutyOccurrences.filter((item) => item.dutyId === event.committee && item.status !== 'cancelled');
    const first = scheduled[0];
    if (first && event.date < first.firstDay) return `${event.date} is before the ${event.committee} schedule starts (${first.firstDay}).`;
    const last = scheduled[scheduled.length - 1];
    const latest = last ? ` (the latest runs until ${last.endDay}, exclusive)` : '';
    return `No ${event.committee} period containing ${event.date} is scheduled yet${latest}.`;
  }
  if (occurrence.record) {
    const period = `${occurrence.firstDay} to ${occurrence.endDay} (exclusive)`;
    return `The ${event.committee} meeting for ${period} is already recorded (${occurrence.record.date}).`;
  }
  return undefined;
};

/** A report (003 yearly activity report, 004 yearly evaluation report) for a scheduled year not yet reported. */
export const reportRecordIsValid: ConventionRule<'RECORD_REPORT'> = (context, event) => {
  if (!dutyOfKind(context, event.report, 'report')) {
    return `${event.report} is not a report of this convention (reports: ${dutyIdsOfKind(context, 'report')}).`;
  }
  if (!Number.isInteger(event.year) || event.year < 1) return 'The report year is a whole number from 1.';
  const occurrence = findOccurrence(context, event.report, event.year);
  if (!occurrence) return `Year ${event.year} of ${event.report} is not scheduled yet.`;
  if (occurrence.status === 'cancelled') return `Year ${event.year} of ${event.report} was cancelled.`;
  return occurrence.record ? `Year ${event.year} of ${event.report} is already recorded (${occurrence.record.recordedAt}).` : undefined;
};

// ---------------------------------------------------------------------------------------------------------
// Formal notice (003 art. 5)

export const noticeClauseExists: ConventionRule<'SEND_FORMAL_NOTICE'> = (context) =>
  context.terms.formalNoticePeriod ? undefined : 'This convention has no formal notice clause (no notice period in its terms).';

/** A registered letter from one party to another, naming the breach. */
export const formalNoticeIsValid: ConventionRule<'SEND_FORMAL_NOTICE'> = (context, event) => {
  if (!findParty(context, event.from)) return `${event.from} is not a party to this convention.`;
  if (!findParty(context, event.to)) return `${event.to} is not a party to this convention.`;
  if (event.from === event.to) return 'A party cannot put itself on notice.';
  return blank(event.breach) ? 'A formal notice names the breach.' : undefined;
};

/** NOTICE_EXPIRED: the notice period has run out and its expiry is not yet recorded. */
export const noticePeriodElapsed: ConventionRule<'NOTICE_EXPIRED'> = (context, event) => {
  const notice = context.formalNotice;
  if (!notice) return 'No formal notice is running.';
  if (!notice.deadline) return `The formal notice already lapsed on ${notice.lapsedAt}.`;
  return isAtOrAfter(event.at, notice.deadline) ? undefined : `The formal notice period runs until ${notice.expiresAt}.`;
};

/** 003 art. 5: denunciation after the notice period, the notice having remained without effect. */
export const noticeLapsed: ConventionRule<'DENOUNCE'> = (context) => {
  const notice = context.formalNotice;
  if (!notice) return 'No formal notice is running.';
  return notice.lapsedAt ? undefined : `The formal notice period runs until ${notice.expiresAt}; it can be denounced only after.`;
};

// ---------------------------------------------------------------------------------------------------------
// Evaluations

export const evaluationHasAssessment: ConventionRule<'RECORD_END_EVALUATION' | 'RECORD_SIX_MONTH_EVALUATION'> = (_context, event) =>
  blank(event.assessment) ? 'An evaluation records its assessment.' : undefined;

export const sixMonthDateReached: ConventionRule = sharedSixMonthDateReached;

/**
 * Rules that need business dates in Europe/Paris: a meeting or a report is recorded once it has
 * happened, not ahead of time (a future-dated record would mark a period done before it ends).
 */
export function createCalendarRules(calendar: BusinessCalendar) {
  const meetingHasTakenPlace: ConventionRule<'RECORD_COMMITTEE'> = (_context, event) => {
    const today = calendar.businessDate(event.at);
    return typeof event.date === 'string' && event.date > today
      ? `A committee meeting is recorded once held: ${event.date} is after today (${today}).`
      : undefined;
  };
  const reportPeriodHasBegun: ConventionRule<'RECORD_REPORT'> = (context, event) => {
    const occurrence = findOccurrence(context, event.report, event.year);
    const today = calendar.businessDate(event.at);
    return occurrence && occurrence.firstDay > today
      ? `Year ${event.year} of ${event.report} starts on ${occurrence.firstDay}; it cannot be reported before.`
      : undefined;
  };
  return { meetingHasTakenPlace, reportPeriodHasBegun };
}

/** All the convention's named rules, the calendar-bound ones included: the machine's guards. */
export function createConventionRules(calendar: BusinessCalendar) {
  return { ...conventionRules, ...createCalendarRules(calendar) };
}

export const conventionRules = {
  partiesAreValid,
  termsAreComplete,
  signerIsParty,
  partyHasNotSigned,
  completesSignatures,
  amendmentWithinReviewWindow,
  amendmentSignedByEveryParty,
  amendmentIsValid,
  denunciationWithinReviewWindow,
  denunciationIsValid,
  termEndReached,
  tacitRenewalAvailable,
  anniversaryReached,
  dutyFallsDue,
  committeeRecordIsValid,
  reportRecordIsValid,
  noticeClauseExists,
  formalNoticeIsValid,
  noticePeriodElapsed,
  noticeLapsed,
  evaluationHasAssessment,
  sixMonthDateReached,
} as const;
