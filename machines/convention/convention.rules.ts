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
  RenewalRequirement,
  ReviewAction,
  SexBreakdown,
  TermReading,
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

// =========================================================================================================
// convention@3: the rules of seeds 003 and 004 that convention@1 and @2 do not hold. Each is used by
// convention@3 only (createConventionRulesV3); the rules above are unchanged.

export const RENEWAL_REQUIREMENTS: readonly RenewalRequirement[] = ['report', 'subsidyRequest'];
export const TERM_READINGS: readonly TermReading[] = ['twelveMonths', 'calendarYear'];
/** How long before the end of a term the agenda warns of an unmet renewal condition, unless the term says. */
export const DEFAULT_RENEWAL_WARNING = 'P1M';
/** A duration in whole years: what a term read as calendar years needs (003 art. 4: "une année civile"). */
export const WHOLE_YEARS = /^P([1-9]\d*)Y$/;

const REQUIREMENT_WORDS: Record<RenewalRequirement, string> = { report: "the year's report", subsidyRequest: "the year's subsidy request" };

/** "the year's report and the year's subsidy request were" (with the verb, singular or plural). */
export function requirementWords(requirements: readonly RenewalRequirement[]): string {
  const words = requirements.map((item) => REQUIREMENT_WORDS[item]).join(' and ');
  return `${words} ${requirements.length > 1 ? 'were' : 'was'}`;
}

/** What is wrong with convention@3's term clauses (renewal condition, reading); empty when fine. */
export function termConditionProblems(terms: ConventionTerms): string[] {
  const term = terms.term;
  if (!term) return [];
  const problems: string[] = [];
  if (term.reading !== undefined && !TERM_READINGS.includes(term.reading)) problems.push(`a term reading (${list([...TERM_READINGS])})`);
  if (term.reading === 'calendarYear' && !WHOLE_YEARS.test(String(term.duration))) {
    problems.push(`a duration in whole years such as P1Y for a term read as calendar years (got ${String(term.duration)})`);
  }
  const requires = term.renewalRequires;
  if (requires !== undefined) {
    if (!Array.isArray(requires) || requires.length === 0 || requires.some((item) => !RENEWAL_REQUIREMENTS.includes(item))) {
      problems.push(`a renewal condition listing ${list([...RENEWAL_REQUIREMENTS])}`);
    } else {
      if (new Set(requires).size !== requires.length) problems.push('each renewal requirement once');
      if (!requires.includes('report')) problems.push('the year\'s report among the renewal requirements (003 art. 4: "et du bilan")');
      if (!term.tacitRenewal) problems.push('a tacit renewal for a renewal condition to apply to');
      if (requires.includes('report') && !(terms.duties ?? []).some((duty) => duty.kind === 'report')) {
        problems.push("a report duty, since the renewal needs the year's report");
      }
    }
  }
  if (term.renewalWarning !== undefined && !isPositiveDuration(term.renewalWarning)) {
    problems.push('a renewal warning as an ISO 8601 duration such as P1M');
  }
  return problems;
}

/** 003 art. 4: the renewal condition and the reading of the duration are well-formed. */
export const termConditionsAreValid: ConventionRule<'OPEN_FOR_SIGNATURE'> = (context) => {
  const problems = termConditionProblems(context.terms);
  return problems.length === 0 ? undefined : `The draft is incomplete: it needs ${list(problems)}.`;
};

/** 003 art. 4: an amendment keeps the renewal condition and the reading of the duration well-formed. */
export const amendedTermConditionsAreValid: ConventionRule<'AMEND'> = (context, event) => {
  const problems = termConditionProblems({ ...context.terms, ...(event.changes ?? {}) });
  return problems.length === 0 ? undefined : `The amended terms would be invalid: they need ${list(problems)}.`;
};

function coSignatories(context: ConventionContext): ConventionParty[] {
  return context.coSignatories ?? [];
}

function findCoSignatory(context: ConventionContext, id: string): ConventionParty | undefined {
  return coSignatories(context).find((item) => item.id === id);
}

/**
 * 004 (three signatures for two parties: the Préfet de région signs beside the Region and the Acsé):
 * co-signatories are complete like parties, and their ids differ from each other and from the parties'.
 */
export const coSignatoriesAreValid: ConventionRule<'OPEN_FOR_SIGNATURE'> = (context) => {
  const all = coSignatories(context);
  if (all.length === 0) return undefined;
  const problems: string[] = [];
  const ids = all.map((item) => item.id);
  const repeated = [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index || findParty(context, id)))];
  if (repeated.length > 0) problems.push(`ids distinct from each other and from the parties' (repeated: ${list(repeated)})`);
  const incomplete = all.filter(
    (item) =>
      blank(item.id) ||
      blank(item.organisation) ||
      blank(item.role) ||
      blank(item.representative?.name) ||
      blank(item.representative?.title),
  );
  if (incomplete.length > 0) {
    problems.push(
      `an id, organisation, representative (name and title) and role (incomplete: ${list(incomplete.map((item) => item.id || '?'))})`,
    );
  }
  return problems.length === 0 ? undefined : `The co-signatories are not ready for signature: they need ${list(problems)}.`;
};

/** 004: a party or a co-signatory signs. */
export const signerIsPartyOrCoSignatory: ConventionRule<'SIGN'> = (context, event) => {
  if (findParty(context, event.party) || findCoSignatory(context, event.party)) return undefined;
  const coSigning = coSignatories(context).map((item) => item.id);
  const also = coSigning.length > 0 ? `; co-signatories: ${list(coSigning)}` : '';
  return `${event.party} is not a party to this convention nor a co-signatory (parties: ${list(partyIds(context))}${also}).`;
};

/** 004: the convention enters into force with the last signature, the co-signatories' included. */
export const completesAllSignatures: ConventionRule<'SIGN'> = (context, event) => {
  const signed = new Set([...context.signatures.map((item) => item.party), event.party]);
  const awaiting = [...partyIds(context), ...coSignatories(context).map((item) => item.id)].filter((id) => !signed.has(id));
  return awaiting.length === 0 ? undefined : `Still awaiting the signatures of ${list(awaiting)}.`;
};

/**
 * 004 art. 10 ("à la demande d'un des signataires") and 003 art. 4: an amendment binds the parties, so
 * every party signs it; a co-signatory may countersign it but is not required; nobody else signs.
 */
export const amendmentSignedByParties: ConventionRule<'AMEND'> = (context, event) => {
  const signedBy = new Set(event.signedBy ?? []);
  const unknown = [...signedBy].filter((id) => !findParty(context, id) && !findCoSignatory(context, id));
  if (unknown.length > 0) return `Only parties (and co-signatories) sign an amendment; neither: ${list(unknown)}.`;
  const missing = partyIds(context).filter((id) => !signedBy.has(id));
  return missing.length === 0 ? undefined : `An amendment needs every party's signature; missing: ${list(missing)}.`;
};

/** 003 art. 5 ("l'une ou l'autre des parties"), 004: a co-signatory is not a party; it neither notices, is noticed, nor denounces. */
export const coSignatoryIsNotAParty: ConventionRule<'SEND_FORMAL_NOTICE' | 'DENOUNCE'> = (context, event) => {
  const named = event.type === 'DENOUNCE' ? [event.party] : [event.from, event.to];
  const coSigning = named.filter((id) => findCoSignatory(context, id) && !findParty(context, id));
  if (coSigning.length === 0) return undefined;
  const what = event.type === 'DENOUNCE' ? 'denounce the convention' : 'send or receive a formal notice';
  return `${list(coSigning)} co-signs this convention but is not a party: only the parties may ${what}.`;
};

/** 003 art. 5: the notice is "une lettre recommandée avec accusé de réception": its reference is required. */
export const formalNoticeByRegisteredLetter: ConventionRule<'SEND_FORMAL_NOTICE'> = (_context, event) =>
  blank(event.letterReference)
    ? "A formal notice is sent by registered letter with acknowledgement of receipt (003 art. 5): give the letter's reference (letterReference)."
    : undefined;

/** 003 art. 5: "demande de subvention annuelle": the request is recorded with its reference. */
export const subsidyRequestIsValid: ConventionRule<'RECORD_SUBSIDY_REQUEST'> = (_context, event) =>
  blank(event.reference) ? "A subsidy request is recorded with its reference (the online application's number)." : undefined;

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function breakdownProblems(where: string, bySex: SexBreakdown | undefined, total: number | undefined): string[] {
  if (bySex === undefined) return total === undefined ? [] : [`${where}: the total by sex (participantsBySex), not only a total`];
  const parts = [bySex.F, bySex.M, ...(bySex.unspecified === undefined ? [] : [bySex.unspecified])];
  if (!parts.every(isCount)) return [`${where}: whole numbers from 0 for F, M and unspecified`];
  if (total !== undefined) {
    if (!isCount(total)) return [`${where}: a total that is a whole number from 0`];
    const sum = parts.reduce((a, b) => a + b, 0);
    if (sum !== total) return [`${where}: F + M + unspecified (${sum}) equal to the total (${total})`];
  }
  return [];
}

/**
 * 004 art. 6: "Les différentes actions menées par les signataires feront l'objet de statistiques
 * sexuées": a report's people (in all and per action) are counted by sex, in whole numbers, and a
 * total, when given, is the sum of its parts.
 */
export const reportStatisticsAreValid: ConventionRule<'RECORD_REPORT'> = (_context, event) => {
  const problems = [...breakdownProblems('the report', event.participantsBySex, event.participants)];
  for (const [index, action] of (event.actions ?? []).entries()) {
    const where = `action ${index + 1}${blank(action?.label) ? '' : ` (${action.label})`}`;
    if (blank(action?.label)) problems.push(`${where}: a label`);
    if (action?.participantsBySex === undefined) problems.push(`${where}: its participants by sex (participantsBySex)`);
    else problems.push(...breakdownProblems(where, action.participantsBySex, action.participants));
  }
  return problems.length === 0 ? undefined : `The report's statistics by sex (004 art. 6) need ${list(problems)}.`;
};

/**
 * What the current term's renewal still needs (003 art. 4): a report recorded during the term (any
 * report duty's occurrence, recorded at or after the term's start and before its end), a subsidy
 * request filed during it.
 */
export function missingRenewalRequirements(context: ConventionContext): RenewalRequirement[] {
  const term = context.currentTerm;
  const requires = context.terms.term?.renewalRequires ?? [];
  if (!term || requires.length === 0) return [];
  const within = (at: string | undefined) => at !== undefined && isAtOrAfter(at, term.startsAt) && isBefore(at, term.endsAt);
  const met: Record<RenewalRequirement, boolean> = {
    report: context.dutyOccurrences.some((item) => item.kind === 'report' && within(item.record?.recordedAt)),
    subsidyRequest: (context.subsidyRequests ?? []).some((item) => item.term === term.number),
  };
  return requires.filter((item) => !met[item]);
}

/**
 * 003 art. 4: "tacitement reconduite dans le cadre de la demande de subvention annuelle et du bilan
 * déposés": with a renewal condition, the term renews only if what it requires was recorded during it.
 */
export const renewalConditionsMet: ConventionRule<'TERM_END'> = (context) => {
  const missing = missingRenewalRequirements(context);
  const term = context.currentTerm;
  return missing.length === 0
    ? undefined
    : `Term ${term?.number ?? '?'} does not renew: ${requirementWords(missing)} not recorded during it (until ${term?.endsAt ?? '?'}).`;
};

/** convention@3's rules that need the Paris calendar. */
export function createCalendarRulesV3(calendar: BusinessCalendar) {
  /** A business date on or after the day the letter was sent (and, with `today`, not after it). */
  const receiptProblem = (receivedOn: unknown, sentAt: string, today?: string): string | undefined => {
    if (typeof receivedOn !== 'string' || !BUSINESS_DATE.test(receivedOn)) return 'The acknowledgement of receipt is dated YYYY-MM-DD.';
    const sentOn = calendar.businessDate(sentAt);
    if (receivedOn < sentOn) return `The letter was sent on ${sentOn}; it cannot have been received on ${receivedOn}.`;
    return today !== undefined && receivedOn > today
      ? `The receipt is recorded once it has happened: ${receivedOn} is after today (${today}).`
      : undefined;
  };

  /**
   * 003 art. 5: the acknowledgement of receipt, when known as the sending is recorded, is dated on or
   * after the sending (the event's `at` is the sending, so a later receipt may be recorded with it).
   */
  const noticeReceiptIsPlausible: ConventionRule<'SEND_FORMAL_NOTICE'> = (_context, event) =>
    event.receivedOn === undefined ? undefined : receiptProblem(event.receivedOn, event.at);

  /** 003 art. 5: the acknowledgement of receipt, recorded later, once, for the running notice. */
  const noticeReceiptCanBeRecorded: ConventionRule<'RECORD_NOTICE_RECEIPT'> = (context, event) => {
    const notice = context.formalNotice;
    if (!notice) return 'No formal notice is running.';
    if (notice.receivedOn !== undefined) return `The acknowledgement of receipt is already recorded (${notice.receivedOn}).`;
    return receiptProblem(event.receivedOn, notice.sentAt, calendar.businessDate(event.at));
  };

  /**
   * 003 art. 4: a subsidy request is recorded once filed, in the term it supports: its date is not after
   * today, nor before the current term began.
   */
  const subsidyRequestHasBeenFiled: ConventionRule<'RECORD_SUBSIDY_REQUEST'> = (context, event) => {
    if (event.filedOn === undefined) return undefined;
    if (typeof event.filedOn !== 'string' || !BUSINESS_DATE.test(event.filedOn)) return 'The filing date is a date YYYY-MM-DD.';
    const today = calendar.businessDate(event.at);
    if (event.filedOn > today) return `A subsidy request is recorded once filed: ${event.filedOn} is after today (${today}).`;
    const term = context.currentTerm;
    const termStart = term ? calendar.businessDate(term.startsAt) : undefined;
    return termStart !== undefined && event.filedOn < termStart
      ? `${event.filedOn} is before the current term (term ${term?.number}, from ${termStart}): a request filed then is not recorded now.`
      : undefined;
  };

  return { noticeReceiptIsPlausible, noticeReceiptCanBeRecorded, subsidyRequestHasBeenFiled };
}

/**
 * The shared rules convention@3 does not use: it has signerIsPartyOrCoSignatory, completesAllSignatures
 * and amendmentSignedByParties instead, which know the co-signatories.
 */
const REPLACED_IN_V3 = ['signerIsParty', 'completesSignatures', 'amendmentSignedByEveryParty'] as const;

export const conventionRulesV3Only = {
  termConditionsAreValid,
  amendedTermConditionsAreValid,
  coSignatoriesAreValid,
  signerIsPartyOrCoSignatory,
  completesAllSignatures,
  amendmentSignedByParties,
  coSignatoryIsNotAParty,
  formalNoticeByRegisteredLetter,
  subsidyRequestIsValid,
  reportStatisticsAreValid,
  renewalConditionsMet,
} as const;

/** convention@3's named rules, exactly its guards: the shared ones it keeps, and its own. */
export function createConventionRulesV3(calendar: BusinessCalendar) {
  const kept = { ...createConventionRules(calendar) } as Partial<ReturnType<typeof createConventionRules>>;
  for (const name of REPLACED_IN_V3) delete kept[name];
  return {
    ...(kept as Omit<ReturnType<typeof createConventionRules>, (typeof REPLACED_IN_V3)[number]>),
    ...conventionRulesV3Only,
    ...createCalendarRulesV3(calendar),
  };
}
