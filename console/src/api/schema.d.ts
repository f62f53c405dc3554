// Generated from GET /api/openapi.json by scripts/console-api-types.js: do not edit (npm run console:api-types).

export interface paths {
    "/api/audit/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every history (of a kind, created in a period) as JSON Lines in the audit export format, streamed
         * @description The same file as `engine-cli export --all`, records by ascending id, each read in one consistent snapshot. Written as it is read: a failure midway ends the response early, without the `end` line, which `engine-cli verify-export` reports as a truncated file.
         *
         *     Roles: administrator, scheduler, auditor, global-auditor.
         */
        get: operations["AuditAll.exportAll"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Verification reports of a page of records (GET /api/instances/{id}/verify for each), by ascending id
         * @description To verify everything with a progress bar: follow `offset` until it reaches `total`. Each item is `ok` or names the first divergent event. Deadline rows of records that do not exist are reported by `engine-cli verify --all` only.
         *
         *     Roles: administrator, scheduler, auditor, global-auditor.
         */
        get: operations["AuditAll.verifyPage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How to sign in: static tokens, and the OpenID Connect provider (issuer, client id, scopes) if one is configured
         * @description Roles: anyone, without a token.
         */
        get: operations["AuthConfig.authConfig"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/clock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The simulated clock (404 on the real clock)
         * @description Roles: administrator, scheduler, auditor, global-auditor.
         */
        get: operations["Clock.read"];
        put?: never;
        /**
         * Move the simulated clock forward and fire, in due order, everything that falls due on the way
         * @description Roles: scheduler.
         */
        post: operations["Clock.advance"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/deadlines": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The agenda: pending deadlines across instances, soonest first (of the caller’s organisations’ records, for administrators and auditors)
         * @description Roles: administrator, scheduler, auditor, global-auditor.
         */
        get: operations["Deadlines.agenda"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/deadlines/fire-due": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Fire every deadline due now (for an outside scheduler such as a cron job); idempotent
         * @description Roles: scheduler.
         */
        post: operations["Deadlines.fireDue"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness (as /api/health/ready): the service answers, its database too, and it is not stopping
         * @description Roles: anyone, without a token.
         */
        get: operations["Health.check"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness: the process answers (no database call)
         * @description Roles: anyone, without a token.
         */
        get: operations["Health.live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness: 200 when the database answers and the service is not stopping, else 503
         * @description Roles: anyone, without a token.
         */
        get: operations["Health.ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/indicators": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Programme indicators: instances by kind, stage and theme; actions set up; projects supported; participants by sex, age band, neighbourhood and outcome; overdue convention duties
         * @description Counts instances whose CREATE event `at` lies in [from, to] (both optional, inclusive); with `parentId`, only that record and its descendants. Send `Accept: text/csv` for one row per (indicator, breakdown, category, sex).
         *
         *     Roles: administrator, scheduler, auditor, global-auditor.
         */
        get: operations["Indicators.read"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/instances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List records, filtered by kind, stage, state or parent, newest first (the caller’s organisations’ only, for administrators and auditors)
         * @description Roles: administrator, scheduler, auditor, global-auditor.
         */
        get: operations["Instances.list"];
        put?: never;
        /**
         * Create a record (tender, convention, cohort) in its initial state
         * @description The input is validated against the kind's input schema (GET /api/machines/{kind}, `inputSchema`). The record belongs to `organisation` (one of the caller's), else to the caller's only organisation; a child record to its parent's.
         *
         *     Roles: administrator.
         */
        post: operations["Instances.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/instances/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The current view of a record (ETag: its version; If-None-Match answers 304)
         * @description Roles: administrator, scheduler, auditor, global-auditor.
         */
        get: operations["Instances.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/instances/{id}/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What each event changed: the state before and after, and each field of the context, worked out by replaying the history
         * @description Roles: administrator, scheduler, auditor, global-auditor.
         */
        get: operations["Audit.changes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/instances/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send an event: {type, ...payload, at?, expectedVersion?}
         * @description The payload is validated against the schema of that event for the record's kind (GET /api/machines/{kind}, `eventSchemas`). If-Match makes it conditional (412 on another version); a deployment may require it (428 without).
         *
         *     Roles: administrator.
         */
        post: operations["Instances.send"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/instances/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The append-only history of a record, in order, a page at a time
         * @description Roles: administrator, scheduler, auditor, global-auditor.
         */
        get: operations["Instances.history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/instances/{id}/history.jsonl": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The record’s history as a file: JSON Lines in the audit export format (engine-cli export <id>)
         * @description A download (Content-Disposition: attachment) that `engine-cli verify-export` checks without the database.
         *
         *     Roles: administrator, scheduler, auditor, global-auditor.
         */
        get: operations["Audit.historyFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/instances/{id}/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The record’s notifications: its outbox messages in event order, each with its deliveries
         * @description Roles: administrator, auditor, global-auditor.
         */
        get: operations["InstanceNotifications.ofInstance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/instances/{id}/ocds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The OCDS 1.1.5 release package of one tender: a release per stage reached
         * @description tender (published), award (attributed), contract (notified), contractAmendment (each amendment), implementation (delivery started), and tenderUpdate, tenderCancellation, contractTermination when they happen; each built from the record just after its event, with a stable id. 422 NOT_A_TENDER for a convention or a cohort; 404 NOTHING_TO_PUBLISH for a draft. Same package as `engine-cli open-data ocds --instance`. See docs/open-data.md.
         *
         *     Roles: administrator, auditor, global-auditor.
         */
        get: operations["InstanceOcds.ocds"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/instances/{id}/state": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The record as it was at an instant: its events with `at` up to the instant, replayed through its pinned machine version
         * @description Same view as GET /api/instances/{id}. 404 NOT_FOUND (reason BEFORE_CREATION) before its creation.
         *
         *     Roles: administrator, scheduler, auditor, global-auditor.
         */
        get: operations["Audit.stateAt"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/instances/{id}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Recomputes the hash chain and replays the whole history; compares with the stored record
         * @description Answers 200 whether or not the record verifies: `ok` says.
         *
         *     Roles: administrator, scheduler, auditor, global-auditor.
         */
        get: operations["Audit.verify"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/instances/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Counts for the dashboard: records by kind, stage, state and status; overdue records; failed deadlines
         * @description `overdue` counts records with a pending deadline due before the service clock’s `now` (the simulated clock’s, on the simulated clock); `failedDeadlines` counts deadlines marked as unable to fire (the agenda shows each with its `failure`).
         *
         *     Roles: administrator, scheduler, auditor, global-auditor.
         */
        get: operations["Instances.summary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/machines": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The kinds of record and their machine versions
         * @description Roles: administrator, scheduler, auditor, global-auditor.
         */
        get: operations["Machines.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/machines/{kind}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * States, events, deadlines, a Mermaid diagram, and the JSON Schema of the input and of each event of a kind
         * @description Roles: administrator, scheduler, auditor, global-auditor.
         */
        get: operations["Machines.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who the bearer token names: name, recorded actor, role, organisations (and, for an OpenID Connect token, subject and issuer) and what the role may do
         * @description Roles: administrator, scheduler, auditor, global-auditor.
         */
        get: operations["Me.me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics (text exposition format); absent when METRICS_PORT serves them on a port of their own
         * @description Roles: auditor, global-auditor, scheduler.
         */
        get: operations["Metrics.scrape"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Notifications, newest first: status, attempts, last error, next attempt
         * @description Roles: administrator, auditor, global-auditor.
         */
        get: operations["Notifications.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retry a dead notification: pending again, due now, for a new series of attempts
         * @description Roles: administrator.
         */
        post: operations["Notifications.retry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/open-data/decp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The essential data (DECP 2.0.3) of the tender contracts notified or amended in a period, for data.gouv.fr
         * @description A DECP 2.0.3 document `{"marches": {"marche": [...]}}` of the tender@3 contracts notified, or amended, from `from` to `to` (business dates, Europe/Paris, inclusive); an empty period gives `marche: []`. A publication date not yet recorded (RECORD_PUBLICATION) is the export’s own business date: the buyer publishes the file it downloads. A contract lacking a field DECP requires is left out and counted in `X-Decp-Skipped`. Same document as `engine-cli open-data decp`. See docs/open-data.md.
         *
         *     Roles: administrator, auditor, global-auditor.
         */
        get: operations["OpenData.decp"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/open-data/ocds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One OCDS 1.1.5 release package with the releases of every tender that has a release in a period
         * @description Every release of each tender with a release dated from `from` to `to` (business dates, Europe/Paris, inclusive). 404 NOTHING_TO_PUBLISH when there is none: a package holds at least one release. Same package as `engine-cli open-data ocds --from --to`. See docs/open-data.md.
         *
         *     Roles: administrator, auditor, global-auditor.
         */
        get: operations["OpenData.ocds"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/problems": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every kind of problem the API answers, with its code, status and meaning
         * @description Roles: anyone, without a token.
         */
        get: operations["Problems.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/problems/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The page of one problem type (the `type` of a problem details answer)
         * @description Roles: anyone, without a token.
         */
        get: operations["Problems.page"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A live stream of committed changes (Server-Sent Events)
         * @description text/event-stream: `retry: 3000` first, then one message per committed command (a record created, an event applied, a deadline fired): `id: <n>` (increasing on this node), `event: change`, `data: <LiveChange JSON>`; a `: keep-alive` comment every STREAM_HEARTBEAT_MS (15 s by default). A change is sent only after its transaction has committed, and only of a record the caller may read (administrators and auditors: their organisations’); a refused command sends nothing. The stream covers the commands of the node it is opened on (one node for now). Nothing is replayed on reconnection (`Last-Event-ID` is ignored): read the records again after a reconnection.
         *
         *     Roles: administrator, scheduler, auditor, global-auditor.
         */
        get: operations["Live.stream"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/transparency/checkpoint": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The latest signed checkpoint of the transparency log (C2SP tlog-checkpoint signed note)
         * @description Roles: administrator, scheduler, auditor, global-auditor.
         */
        get: operations["Transparency.checkpoint"];
        put?: never;
        /**
         * Signs a checkpoint of the tree as it is now (the latest one if the tree has not grown since)
         * @description Roles: scheduler.
         */
        post: operations["Transparency.newCheckpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/transparency/key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The verifier key of the checkpoints (C2SP signed-note: <origin>+<key id>+<base64 Ed25519 public key>)
         * @description Roles: administrator, scheduler, auditor, global-auditor.
         */
        get: operations["Transparency.key"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/transparency/proof/consistency": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Consistency proof between two tree sizes (RFC 9162 §2.1.4): the older tree is a prefix of the newer
         * @description Both sizes must be those of stored checkpoints or the current size.
         *
         *     Roles: administrator, scheduler, auditor, global-auditor.
         */
        get: operations["Transparency.consistency"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/transparency/proof/inclusion": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Inclusion proof of a leaf in the tree of a given size (RFC 9162 §2.1.3)
         * @description The size must be that of a stored checkpoint or the current size; verify against that checkpoint’s root.
         *
         *     Roles: administrator, scheduler, auditor, global-auditor.
         */
        get: operations["Transparency.inclusion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The webhook subscriptions, oldest first (without their secrets)
         * @description Roles: administrator.
         */
        get: operations["Webhooks.list"];
        put?: never;
        /**
         * Subscribe an address to notifications, optionally only some effect types and kinds
         * @description Answers the subscription with its signing `secret`, shown this once. Messages committed from now on that match, of records of the organisations of the administrator who makes it (kept as its `organisations`), are POSTed to `url`, signed as Standard Webhooks says. An address on an internal network (loopback, private, link-local…), or a host that resolves to one or does not resolve, is refused unless WEBHOOK_ALLOW_PRIVATE_NETWORKS or WEBHOOK_ALLOWED_HOSTS allows it.
         *
         *     Roles: administrator.
         */
        post: operations["Webhooks.subscribe"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a subscription: nothing more is sent to it; its pending notifications end as dead
         * @description Roles: administrator.
         */
        delete: operations["Webhooks.remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Give a subscription a new secret (shown once); the previous one keeps signing during the grace period
         * @description Until `previousSecretExpiresAt` (WEBHOOK_SECRET_GRACE_MS, 24 hours by default) every message carries two signatures, one per secret, so that the receiver can switch at its own pace.
         *
         *     Roles: administrator.
         */
        post: operations["Webhooks.rotate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description Pending deadlines, soonest first, a page at a time */
        Agenda: {
            items: {
                /** Format: date-time */
                dueAt: string;
                /** @description A duty: someone must send the event by dueAt (the scheduler never does); overdue until they have */
                duty: boolean;
                event: string;
                /** @description Why the deadline cannot fire; null if it can */
                failure: string | null;
                /** Format: uuid */
                instanceId: string;
                kind: string;
                label: string;
                overdue: boolean;
                payload: unknown;
            }[];
            limit: number;
            /** Format: date-time */
            now: string;
            offset: number;
            /** @description How many deadlines match, over every page */
            total: number;
        };
        AuthConfig: {
            /** @description The provider whose JWTs are accepted, for a console to start the authorization-code flow; null: none */
            oidc: {
                /** @description The audiences a token must name one of (OIDC_AUDIENCE) */
                audiences: string[];
                /** @description The client a console signs in as (OIDC_CLIENT_ID, by default the first audience) */
                clientId: string;
                /** @description The OpenID Connect issuer (its discovery document: <issuer>/.well-known/openid-configuration) */
                issuer: string;
                /** @description The scopes to ask for (OIDC_SCOPES) */
                scopes: string[];
            } | null;
            /** @description Static bearer tokens are accepted (always) */
            staticTokens: boolean;
        };
        ClockAdvance: {
            fired: components["schemas"]["FiredDeadline"][];
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            now: string;
        };
        ClockNow: {
            /** @constant */
            mode: "simulated";
            /** Format: date-time */
            now: string;
        };
        /** cohort CANCEL */
        CohortCancelEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            reason: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "CANCEL";
        };
        /**
         * cohort CLOSE_RECRUITMENT
         * @description The scheduler sends no payload at the date; an administrator closing early sends manual: true
         */
        CohortCloseRecruitmentEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /** @description true when an administrator closes before the date */
            manual?: boolean;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "CLOSE_RECRUITMENT";
        };
        /** cohort COMPLETE_SESSIONS */
        CohortCompleteSessionsEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "COMPLETE_SESSIONS";
        };
        /** cohort CONFIRM_COHORT */
        CohortConfirmCohortEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "CONFIRM_COHORT";
        };
        /** cohort ENROLL */
        CohortEnrollEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /** Participant */
            participant: {
                birthYear: number;
                neighbourhood: string;
                /** @example G1-P07 */
                ref: string;
                /** @description The scheme following the participant (e.g. "PLIE", "Pôle emploi"); absent when none */
                scheme?: string;
                /** @enum {string} */
                sex: "F" | "M";
            };
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "ENROLL";
        };
        /** cohort event */
        CohortEvent: components["schemas"]["CohortUpdateDraftEvent"] | components["schemas"]["CohortOpenRecruitmentEvent"] | components["schemas"]["CohortEnrollEvent"] | components["schemas"]["CohortWithdrawParticipantEvent"] | components["schemas"]["CohortCloseRecruitmentEvent"] | components["schemas"]["CohortRecordPositioningEvent"] | components["schemas"]["CohortConfirmCohortEvent"] | components["schemas"]["CohortStartSessionsEvent"] | components["schemas"]["CohortRecordSessionEvent"] | components["schemas"]["CohortCompleteSessionsEvent"] | components["schemas"]["CohortRecordEndEvaluationEvent"] | components["schemas"]["CohortSixMonthEvaluationDueEvent"] | components["schemas"]["CohortRecordSixMonthEvaluationEvent"] | components["schemas"]["CohortCancelEvent"];
        /** cohort input */
        CohortInput: {
            /** Eligibility */
            eligibility?: {
                /**
                 * @example [
                 *       "Fontaine d'Ouche",
                 *       "Grésilles",
                 *       "Quetigny"
                 *     ]
                 */
                neighbourhoods?: string[];
                /**
                 * @description Strictly older than this at enrolment; age = Paris year of enrolment − birth year
                 * @example 30
                 */
                olderThan?: number;
                /** @description Already followed by an employment or integration scheme */
                requiresScheme?: boolean;
                /**
                 * @example F
                 * @enum {string}
                 */
                sex?: "F" | "M";
            };
            /** @example Group 1: Fontaine d'Ouche, Grésilles, Quetigny */
            group?: string;
            /** Session plan */
            plan?: {
                collective: {
                    /** Range */
                    count: {
                        max: number;
                        min: number;
                    };
                    /** Range */
                    minutes: {
                        max: number;
                        min: number;
                    };
                };
                individual: {
                    /** Range */
                    minutes: {
                        max: number;
                        min: number;
                    };
                    perParticipant: number;
                };
                thematic: {
                    /** Range */
                    count: {
                        max: number;
                        min: number;
                    };
                    /** Range */
                    minutes: {
                        max: number;
                        min: number;
                    };
                    themes: string[];
                };
                /** Range */
                weeks: {
                    max: number;
                    min: number;
                };
            };
            /**
             * Format: date-time
             * @description ISO 8601 instant with an offset (Z or ±hh:mm), stored in UTC.
             * @example 2022-09-16T18:00:00+02:00
             */
            recruitmentClosesAt?: string;
            /**
             * @description What the +6-month follow-up counts from when left out: the end of the sessions for cohort@1, their start from cohort@2 on
             * @enum {string}
             */
            sixMonthAnchor?: "start" | "end";
            /** Range */
            size?: {
                max: number;
                min: number;
            };
            /** @example employment of women */
            theme?: string;
        };
        /** cohort OPEN_RECRUITMENT */
        CohortOpenRecruitmentEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "OPEN_RECRUITMENT";
        };
        /** cohort RECORD_END_EVALUATION */
        CohortRecordEndEvaluationEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            outcomes: {
                /** @enum {string} */
                outcome: "job" | "training" | "integrationPath" | "none";
                /** @example G1-P07 */
                ref: string;
                skillsMapDone: boolean;
            }[];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "RECORD_END_EVALUATION";
        };
        /** cohort RECORD_POSITIONING */
        CohortRecordPositioningEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            minutes: number;
            /** @example G1-P07 */
            ref: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "RECORD_POSITIONING";
        };
        /**
         * cohort RECORD_SESSION
         * @description One session with its attendance (`sessionType` because `type` is the event’s own name)
         */
        CohortRecordSessionEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            attendees: string[];
            /**
             * Format: date
             * @description A calendar date YYYY-MM-DD (Europe/Paris).
             */
            date: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            minutes: number;
            /** @enum {string} */
            sessionType: "individual" | "collective" | "thematic";
            theme?: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "RECORD_SESSION";
        };
        /** cohort RECORD_SIX_MONTH_EVALUATION */
        CohortRecordSixMonthEvaluationEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            outcomes: {
                /** @enum {string} */
                outcome: "job" | "training" | "integrationPath" | "none";
                /** @example G1-P07 */
                ref: string;
            }[];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "RECORD_SIX_MONTH_EVALUATION";
        };
        /**
         * cohort SIX_MONTH_EVALUATION_DUE
         * @description Sent by the scheduler when the +6-month follow-up falls due
         */
        CohortSixMonthEvaluationDueEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "SIX_MONTH_EVALUATION_DUE";
        };
        /** cohort START_SESSIONS */
        CohortStartSessionsEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "START_SESSIONS";
        };
        /** cohort UPDATE_DRAFT */
        CohortUpdateDraftEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** Eligibility */
            eligibility?: {
                /**
                 * @example [
                 *       "Fontaine d'Ouche",
                 *       "Grésilles",
                 *       "Quetigny"
                 *     ]
                 */
                neighbourhoods?: string[];
                /**
                 * @description Strictly older than this at enrolment; age = Paris year of enrolment − birth year
                 * @example 30
                 */
                olderThan?: number;
                /** @description Already followed by an employment or integration scheme */
                requiresScheme?: boolean;
                /**
                 * @example F
                 * @enum {string}
                 */
                sex?: "F" | "M";
            };
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /** @example Group 1: Fontaine d'Ouche, Grésilles, Quetigny */
            group?: string;
            /** Session plan */
            plan?: {
                collective: {
                    /** Range */
                    count: {
                        max: number;
                        min: number;
                    };
                    /** Range */
                    minutes: {
                        max: number;
                        min: number;
                    };
                };
                individual: {
                    /** Range */
                    minutes: {
                        max: number;
                        min: number;
                    };
                    perParticipant: number;
                };
                thematic: {
                    /** Range */
                    count: {
                        max: number;
                        min: number;
                    };
                    /** Range */
                    minutes: {
                        max: number;
                        min: number;
                    };
                    themes: string[];
                };
                /** Range */
                weeks: {
                    max: number;
                    min: number;
                };
            };
            /**
             * Format: date-time
             * @description ISO 8601 instant with an offset (Z or ±hh:mm), stored in UTC.
             * @example 2022-09-16T18:00:00+02:00
             */
            recruitmentClosesAt?: string;
            /**
             * @description What the +6-month follow-up counts from when left out: the end of the sessions for cohort@1, their start from cohort@2 on
             * @enum {string}
             */
            sixMonthAnchor?: "start" | "end";
            /** Range */
            size?: {
                max: number;
                min: number;
            };
            /** @example employment of women */
            theme?: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "UPDATE_DRAFT";
        };
        /** cohort WITHDRAW_PARTICIPANT */
        CohortWithdrawParticipantEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /** @example G1-P07 */
            ref: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "WITHDRAW_PARTICIPANT";
        };
        ConsistencyProof: {
            from: number;
            /** @description RFC 9162 §2.1.4.1 PROOF(from, D[to]) */
            hashes: string[];
            to: number;
        };
        /** convention AMEND */
        ConventionAmendEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** Amendable terms */
            changes?: {
                /** @description Article number → agreed text */
                clauses?: {
                    [key: string]: string;
                };
                duties?: {
                    /** @example P3M */
                    every: string;
                    /** @example technicalCommittee */
                    id: string;
                    /** @enum {string} */
                    kind: "committee" | "report";
                    label?: string;
                }[];
                /** @example P2M */
                formalNoticePeriod?: string;
                object?: string;
                review?: {
                    allows: ("amendment" | "denunciation")[];
                    /** @example P1M */
                    anniversaryWindow: string;
                };
                term?: {
                    /** @example P1Y */
                    duration: string;
                    maxRenewals?: number;
                    /**
                     * @description twelveMonths (default): from the effective date; calendarYear: terms end on 31 December (003 art. 4, "une année civile")
                     * @enum {string}
                     */
                    reading?: "twelveMonths" | "calendarYear";
                    /** @description 003 art. 4: what must be recorded during a term for it to renew tacitly (the year's report, the subsidy request) */
                    renewalRequires?: ("report" | "subsidyRequest")[];
                    /**
                     * @description How long before the end of the term the agenda warns of an unmet renewal condition (P1M by default)
                     * @example P1M
                     */
                    renewalWarning?: string;
                    tacitRenewal: boolean;
                };
                title?: string;
            };
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /** @description Every party's id: an amendment (avenant) binds them all */
            signedBy: string[];
            summary: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "AMEND";
        };
        /**
         * convention ANNIVERSARY
         * @description Sent by the scheduler at each anniversary
         */
        ConventionAnniversaryEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "ANNIVERSARY";
        };
        /** convention DENOUNCE */
        ConventionDenounceEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            party: string;
            reason: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "DENOUNCE";
        };
        /**
         * convention DUTY_DUE
         * @description Sent by the scheduler when a committee or report falls due
         */
        ConventionDutyDueEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            dutyId: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            sequence: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "DUTY_DUE";
        };
        /** convention event */
        ConventionEvent: components["schemas"]["ConventionUpdateDraftEvent"] | components["schemas"]["ConventionOpenForSignatureEvent"] | components["schemas"]["ConventionSignEvent"] | components["schemas"]["ConventionWithdrawEvent"] | components["schemas"]["ConventionAmendEvent"] | components["schemas"]["ConventionRecordCommitteeEvent"] | components["schemas"]["ConventionRecordReportEvent"] | components["schemas"]["ConventionAnniversaryEvent"] | components["schemas"]["ConventionTermEndEvent"] | components["schemas"]["ConventionSendFormalNoticeEvent"] | components["schemas"]["ConventionRemedyEvent"] | components["schemas"]["ConventionNoticeExpiredEvent"] | components["schemas"]["ConventionDenounceEvent"] | components["schemas"]["ConventionDutyDueEvent"] | components["schemas"]["ConventionRecordEndEvaluationEvent"] | components["schemas"]["ConventionSixMonthEvaluationDueEvent"] | components["schemas"]["ConventionRecordSixMonthEvaluationEvent"] | components["schemas"]["ConventionRecordSubsidyRequestEvent"] | components["schemas"]["ConventionRecordNoticeReceiptEvent"];
        /** convention input */
        ConventionInput: {
            /** @description Article number → agreed text */
            clauses?: {
                [key: string]: string;
            };
            /** @description Sign for the entry into force; not parties (004: the Préfet) */
            coSignatories?: {
                /** Contact */
                contact?: {
                    /**
                     * Format: email
                     * @description Where the signatory is written to (its notifications and reminders)
                     * @example achats@example.org
                     */
                    email?: string;
                    /** @example Jocelyne BONJOUR */
                    name?: string;
                };
                /** @example prefet-idf */
                id: string;
                organisation: string;
                representative: {
                    /** @example Jocelyne BONJOUR */
                    name: string;
                    /** @example Directrice */
                    title: string;
                };
                /** @example co-signatory (regional delegate of the Acsé) */
                role: string;
            }[];
            duties?: {
                /** @example P3M */
                every: string;
                /** @example technicalCommittee */
                id: string;
                /** @enum {string} */
                kind: "committee" | "report";
                label?: string;
            }[];
            /**
             * Format: date
             * @description A stated effective date; the convention takes effect at the later of it and the last signature
             */
            effectiveDate?: string;
            /** @example P2M */
            formalNoticePeriod?: string;
            object?: string;
            parties?: {
                /** Contact */
                contact?: {
                    /**
                     * Format: email
                     * @description Where the signatory is written to (its notifications and reminders)
                     * @example achats@example.org
                     */
                    email?: string;
                    /** @example Jocelyne BONJOUR */
                    name?: string;
                };
                /** @example cio-chateauroux */
                id: string;
                organisation: string;
                representative: {
                    /** @example Jocelyne BONJOUR */
                    name: string;
                    /** @example Directrice */
                    title: string;
                };
                /** @example local signatory */
                role: string;
            }[];
            review?: {
                allows: ("amendment" | "denunciation")[];
                /** @example P1M */
                anniversaryWindow: string;
            };
            /**
             * @description The +6-month evaluation counts from the effective date by default
             * @enum {string}
             */
            sixMonthAnchor?: "start" | "end";
            term?: {
                /** @example P1Y */
                duration: string;
                maxRenewals?: number;
                /**
                 * @description twelveMonths (default): from the effective date; calendarYear: terms end on 31 December (003 art. 4, "une année civile")
                 * @enum {string}
                 */
                reading?: "twelveMonths" | "calendarYear";
                /** @description 003 art. 4: what must be recorded during a term for it to renew tacitly (the year's report, the subsidy request) */
                renewalRequires?: ("report" | "subsidyRequest")[];
                /**
                 * @description How long before the end of the term the agenda warns of an unmet renewal condition (P1M by default)
                 * @example P1M
                 */
                renewalWarning?: string;
                tacitRenewal: boolean;
            };
            title?: string;
        };
        /**
         * convention NOTICE_EXPIRED
         * @description Sent by the scheduler when a formal notice runs out
         */
        ConventionNoticeExpiredEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "NOTICE_EXPIRED";
        };
        /** convention OPEN_FOR_SIGNATURE */
        ConventionOpenForSignatureEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "OPEN_FOR_SIGNATURE";
        };
        /** convention RECORD_COMMITTEE */
        ConventionRecordCommitteeEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @example technicalCommittee */
            committee: string;
            /**
             * Format: date
             * @description The meeting date (Europe/Paris): it places the meeting in its period
             */
            date: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            minutesRef: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "RECORD_COMMITTEE";
        };
        /** convention RECORD_END_EVALUATION */
        ConventionRecordEndEvaluationEvent: {
            assessment: string;
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            evaluator?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "RECORD_END_EVALUATION";
        };
        /** convention RECORD_NOTICE_RECEIPT */
        ConventionRecordNoticeReceiptEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /**
             * Format: date
             * @description The date of the acknowledgement of receipt of the registered letter (003 art. 5)
             */
            receivedOn: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "RECORD_NOTICE_RECEIPT";
        };
        /** convention RECORD_REPORT */
        ConventionRecordReportEvent: {
            /** @description The actions carried out, each with its people by sex (004 art. 6) */
            actions?: {
                /** @example Formation des acteurs (art. 3) */
                label: string;
                /** @description In total: F + M + unspecified */
                participants?: number;
                /** @description People counted by sex (004 art. 6: "statistiques sexuées") */
                participantsBySex: {
                    F: number;
                    M: number;
                    unspecified?: number;
                };
            }[];
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            documentRef?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /** @description People reached in the year, in total: F + M + unspecified */
            participants?: number;
            /** @description People counted by sex (004 art. 6: "statistiques sexuées") */
            participantsBySex?: {
                F: number;
                M: number;
                unspecified?: number;
            };
            /** @example activityReport */
            report: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "RECORD_REPORT";
            /** @description The occurrence reported on: for a yearly report, the convention year (1, 2, 3...) */
            year: number;
        };
        /** convention RECORD_SIX_MONTH_EVALUATION */
        ConventionRecordSixMonthEvaluationEvent: {
            assessment: string;
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            evaluator?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "RECORD_SIX_MONTH_EVALUATION";
        };
        /** convention RECORD_SUBSIDY_REQUEST */
        ConventionRecordSubsidyRequestEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /**
             * Format: date
             * @description When it was filed (Europe/Paris); the day it is recorded by default
             */
            filedOn?: string;
            /** @description The yearly subsidy request's reference (003 art. 4: filed in the online aid portal) */
            reference: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "RECORD_SUBSIDY_REQUEST";
        };
        /** convention REMEDY */
        ConventionRemedyEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            note?: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "REMEDY";
        };
        /** convention SEND_FORMAL_NOTICE */
        ConventionSendFormalNoticeEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            breach: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            from: string;
            /** @description The registered letter's reference (lettre recommandée avec accusé de réception, 003 art. 5); the rule requires it */
            letterReference?: string;
            /**
             * Format: date
             * @description The date of the acknowledgement of receipt, when known
             */
            receivedOn?: string;
            to: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "SEND_FORMAL_NOTICE";
        };
        /** convention SIGN */
        ConventionSignEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /** @description The signing party's id */
            party: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "SIGN";
        };
        /**
         * convention SIX_MONTH_EVALUATION_DUE
         * @description Sent by the scheduler when the +6-month evaluation falls due
         */
        ConventionSixMonthEvaluationDueEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "SIX_MONTH_EVALUATION_DUE";
        };
        /**
         * convention TERM_END
         * @description Sent by the scheduler at the end of the term
         */
        ConventionTermEndEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "TERM_END";
        };
        /** convention UPDATE_DRAFT */
        ConventionUpdateDraftEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @description Article number → agreed text */
            clauses?: {
                [key: string]: string;
            };
            /** @description Sign for the entry into force; not parties (004: the Préfet) */
            coSignatories?: {
                /** Contact */
                contact?: {
                    /**
                     * Format: email
                     * @description Where the signatory is written to (its notifications and reminders)
                     * @example achats@example.org
                     */
                    email?: string;
                    /** @example Jocelyne BONJOUR */
                    name?: string;
                };
                /** @example prefet-idf */
                id: string;
                organisation: string;
                representative: {
                    /** @example Jocelyne BONJOUR */
                    name: string;
                    /** @example Directrice */
                    title: string;
                };
                /** @example co-signatory (regional delegate of the Acsé) */
                role: string;
            }[];
            duties?: {
                /** @example P3M */
                every: string;
                /** @example technicalCommittee */
                id: string;
                /** @enum {string} */
                kind: "committee" | "report";
                label?: string;
            }[];
            /**
             * Format: date
             * @description A stated effective date; the convention takes effect at the later of it and the last signature
             */
            effectiveDate?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /** @example P2M */
            formalNoticePeriod?: string;
            object?: string;
            parties?: {
                /** Contact */
                contact?: {
                    /**
                     * Format: email
                     * @description Where the signatory is written to (its notifications and reminders)
                     * @example achats@example.org
                     */
                    email?: string;
                    /** @example Jocelyne BONJOUR */
                    name?: string;
                };
                /** @example cio-chateauroux */
                id: string;
                organisation: string;
                representative: {
                    /** @example Jocelyne BONJOUR */
                    name: string;
                    /** @example Directrice */
                    title: string;
                };
                /** @example local signatory */
                role: string;
            }[];
            review?: {
                allows: ("amendment" | "denunciation")[];
                /** @example P1M */
                anniversaryWindow: string;
            };
            /**
             * @description The +6-month evaluation counts from the effective date by default
             * @enum {string}
             */
            sixMonthAnchor?: "start" | "end";
            term?: {
                /** @example P1Y */
                duration: string;
                maxRenewals?: number;
                /**
                 * @description twelveMonths (default): from the effective date; calendarYear: terms end on 31 December (003 art. 4, "une année civile")
                 * @enum {string}
                 */
                reading?: "twelveMonths" | "calendarYear";
                /** @description 003 art. 4: what must be recorded during a term for it to renew tacitly (the year's report, the subsidy request) */
                renewalRequires?: ("report" | "subsidyRequest")[];
                /**
                 * @description How long before the end of the term the agenda warns of an unmet renewal condition (P1M by default)
                 * @example P1M
                 */
                renewalWarning?: string;
                tacitRenewal: boolean;
            };
            title?: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "UPDATE_DRAFT";
        };
        /** convention WITHDRAW */
        ConventionWithdrawEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            reason?: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "WITHDRAW";
        };
        /** create a cohort */
        CreateCohort: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            input?: components["schemas"]["CohortInput"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "cohort";
            /** @description The organisation the record belongs to, one of the caller’s; needed when the caller has several. A child record takes its parent’s, whatever is given */
            organisation?: string;
            /**
             * Format: uuid
             * @description The record this one belongs to
             */
            parentId?: string;
        };
        /** create a convention */
        CreateConvention: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            input?: components["schemas"]["ConventionInput"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "convention";
            /** @description The organisation the record belongs to, one of the caller’s; needed when the caller has several. A child record takes its parent’s, whatever is given */
            organisation?: string;
            /**
             * Format: uuid
             * @description The record this one belongs to
             */
            parentId?: string;
        };
        CreateInstanceBody: components["schemas"]["CreateTender"] | components["schemas"]["CreateConvention"] | components["schemas"]["CreateCohort"];
        /** create a tender */
        CreateTender: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            input?: components["schemas"]["TenderInput"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "tender";
            /** @description The organisation the record belongs to, one of the caller’s; needed when the caller has several. A child record takes its parent’s, whatever is given */
            organisation?: string;
            /**
             * Format: uuid
             * @description The record this one belongs to
             */
            parentId?: string;
        };
        /** @description The essential data of public contracts, DECP 2.0.3 (format of 139bercy/format-commande-publique), for the national open-data portal */
        DecpDocument: {
            marches: {
                marche: components["schemas"]["DecpMarche"][];
            };
        };
        /** @description One contract (marché) in DECP 2.0.3 */
        DecpMarche: {
            acheteur: {
                /** @description The buyer’s SIRET */
                id: string;
            };
            attributionAvance: boolean;
            /** @description `Pas de CCAG` when none was chosen */
            ccag: string;
            codeCPV: string;
            considerationsEnvironnementales: {
                /** @description `Pas de considération environnementale` when none was chosen */
                considerationEnvironnementale: string[];
            };
            considerationsSociales: {
                /** @description `Pas de considération sociale` when none was chosen */
                considerationSociale: string[];
            };
            /** @description Business date of the notification */
            dateNotification: string;
            /** @description The recorded publication date, else the export’s business date */
            datePublicationDonnees: string;
            dureeMois: number;
            formePrix: string;
            /** @description The contract’s number (contractId), else derived from the record id */
            id: string;
            lieuExecution: {
                code: string;
                typeCode: string;
            };
            marcheInnovant: boolean;
            modalitesExecution: {
                /** @description Execution methods; `Sans objet` when none was chosen */
                modaliteExecution: string[];
            };
            modifications?: {
                modification: {
                    /** @description Business date of the amendment’s notification */
                    dateNotificationModification: string;
                    /** @description The recorded publication date of the amendment, else the export’s business date */
                    datePublicationDonneesModification: string;
                    dureeMois?: number;
                    /** @description 1, 2… in the order the amendments were notified */
                    id: number;
                    /** @description Euros excl. VAT */
                    montant?: number;
                    titulaires?: {
                        titulaire: {
                            id: string;
                            /** @description SIRET, TVA, TAHITI, RIDET, FRWF, IREP or HORS-UE */
                            typeIdentifiant: string;
                        };
                    }[];
                };
            }[];
            /** @description Euros excl. VAT */
            montant: number;
            nature: string;
            objet: string;
            /** @description Bids received, withdrawn ones excluded */
            offresRecues: number;
            procedure: string;
            sousTraitanceDeclaree: boolean;
            tauxAvance?: number;
            techniques: {
                /** @description Purchase techniques; `Sans objet` when none was chosen */
                technique: string[];
            };
            titulaires: {
                titulaire: {
                    id: string;
                    /** @description SIRET, TVA, TAHITI, RIDET, FRWF, IREP or HORS-UE */
                    typeIdentifiant: string;
                };
            }[];
            typeGroupementOperateurs: string;
            typesPrix: {
                /** @description Price types */
                typePrix: string[];
            };
        };
        /** @description An event for a record: its kind's events (the record's kind decides which list applies). */
        EventBody: components["schemas"]["TenderEvent"] | components["schemas"]["ConventionEvent"] | components["schemas"]["CohortEvent"];
        /** @description What each event of the history changed, in seq order */
        EventChanges: {
            items: {
                /** @description Each field of the context the event changed (added and removed fields as themselves), at most 100 */
                changes: {
                    /** @description Absent when the field was removed */
                    after?: unknown;
                    /** @description Absent when the field was added */
                    before?: unknown;
                    /** @description The field, dotted, with array indexes (bids.0.scores.technical) */
                    path: string;
                }[];
                seq: number;
                stateAfter: string;
                /** @description null for the creation */
                stateBefore: string | null;
                /** @description More fields changed than are listed */
                truncated: boolean;
                type: string;
            }[];
        };
        EventView: {
            /** @description Who sent it: a static token’s name, `Display Name <sub@issuer-host>` for an OpenID Connect token, or the scheduler */
            actor: string;
            /**
             * Format: date-time
             * @description Business instant
             */
            at: string;
            hash: string;
            /** @description The event’s leaf in the transparency log: GET /api/transparency/proof/inclusion?index=…&size=… proves it is in a signed checkpoint (null: no leaf, a damaged database) */
            leafIndex: number | null;
            /** @description The validated payload as stored (`{input, parentId?}` for CREATE) */
            payload: unknown;
            /**
             * Format: date-time
             * @description When the service wrote it (real clock)
             */
            recordedAt: string;
            seq: number;
            type: string;
        };
        FieldError: {
            /** @description Dotted path of the field (bidder.name, outcomes.0.ref), or the query parameter */
            field: string;
            messages: string[];
            /** @description JSON pointer of the field in the body or query (/bidder/name) */
            pointer: string;
        };
        FiredDeadline: {
            /** Format: date-time */
            dueAt: string;
            event: string;
            /** Format: uuid */
            instanceId: string;
            kind: string;
            /**
             * @description applied: recorded; refused: the machine refused it; failed: it cannot fire (see reason)
             * @enum {string}
             */
            outcome: "applied" | "refused" | "failed";
            reason?: string;
            state?: string;
        };
        FireDueResult: {
            fired: components["schemas"]["FiredDeadline"][];
            /** Format: date-time */
            now: string;
        };
        Health: {
            details: {
                [key: string]: {
                    status: string;
                } & {
                    [key: string]: unknown;
                };
            };
            error?: {
                [key: string]: {
                    status: string;
                } & {
                    [key: string]: unknown;
                };
            };
            info?: {
                [key: string]: {
                    status: string;
                } & {
                    [key: string]: unknown;
                };
            };
            /** @enum {string} */
            status: "ok" | "error" | "shutting_down";
        };
        /** @description Events of the record in order, a page at a time */
        History: {
            items: components["schemas"]["EventView"][];
            limit: number;
            offset: number;
            /** @description How many items match, over every page */
            total: number;
        };
        InclusionProof: {
            /** @description RFC 9162 §2.1.3.1 PATH, leaf side first */
            hashes: string[];
            /** @description SHA-256(0x00 || the leaf entry), hex */
            leafHash: string;
            leafIndex: number;
            treeSize: number;
        };
        Indicators: {
            actionsSetUp: {
                byKind: {
                    [key: string]: number;
                };
                byTheme: {
                    [key: string]: number;
                };
                total: number;
            };
            /**
             * Format: date-time
             * @description The service clock when computed: states and outcomes are the current ones
             */
            asOf: string;
            /** @description Seed 004 art. 6: the statistics by sex of the convention reports (people reached per report, and per action; total includes the unspecified) */
            conventionReports: {
                actionParticipants: components["schemas"]["SexCount"];
                /** @description Actions carried out, as the reports list them */
                actions: number;
                participants: components["schemas"]["SexCount"];
                /** @description Convention reports recorded with statistics by sex */
                withStatistics: number;
            };
            dutiesDoneLate: {
                byDuty: {
                    [key: string]: number;
                };
                total: number;
            };
            instances: {
                byKind: {
                    [key: string]: number;
                };
                byStage: {
                    [key: string]: number;
                };
                byTheme: {
                    [key: string]: number;
                };
                total: number;
            };
            kind: string | null;
            /** @description Tenders attributed after their decision date (tender@3) */
            lateAttributions: number;
            overdueDuties: {
                byDuty: {
                    [key: string]: number;
                };
                total: number;
            };
            /** @description The record whose subtree is counted, if any */
            parentId: string | null;
            participants: {
                byAgeBand: {
                    [key: string]: components["schemas"]["SexCount"];
                };
                byNeighbourhood: {
                    [key: string]: components["schemas"]["SexCount"];
                };
                enrolled: components["schemas"]["SexCount"];
                outcomesAtEnd: {
                    [key: string]: components["schemas"]["SexCount"];
                };
                outcomesAtSixMonths: {
                    [key: string]: components["schemas"]["SexCount"];
                };
                withdrawn: components["schemas"]["SexCount"];
            };
            period: {
                from: string | null;
                to: string | null;
            };
            projectsSupported: {
                cohorts: number;
                conventions: number;
                tenderStructures: number;
                total: number;
            };
        };
        /** @description Records, newest first */
        InstanceList: {
            items: {
                /** Format: date-time */
                createdAt: string;
                /** Format: uuid */
                id: string;
                kind: string;
                /** @description The title, group or similar of the record */
                label: string | null;
                machineVersion: number;
                /** @description The organisation the record belongs to */
                organisation: string;
                parentId: string | null;
                stage: string;
                state: string;
                status: string;
                /** Format: date-time */
                updatedAt: string;
                version: number;
            }[];
            limit: number;
            offset: number;
            /** @description How many items match, over every page */
            total: number;
        };
        /** @description The record’s outbox messages in event order, each with its deliveries */
        InstanceNotifications: {
            items: components["schemas"]["OutboxMessage"][];
            limit: number;
            offset: number;
            /** @description How many items match, over every page */
            total: number;
        };
        InstancesSummary: {
            /** @description Every kind, stage, state and status that has records, with their number (ordered by kind, stage, state, status) */
            byKindAndStage: {
                /** @description Records of this kind in this stage, state and status */
                count: number;
                kind: string;
                /** @description The place on the common spine */
                stage: string;
                state: string;
                /** @description active, or done once the machine has reached a final state */
                status: string;
            }[];
            /** @description Deadlines that could not fire: refused by their machine, or not matching their record (see the agenda’s failure) */
            failedDeadlines: number;
            /**
             * Format: date-time
             * @description The service clock’s now the counts were made at (UTC)
             */
            now: string;
            /** @description Records with a pending deadline whose due time is before `now` (a record with several counts once) */
            overdue: number;
        };
        InstanceView: {
            children?: {
                /** Format: uuid */
                id: string;
                kind: string;
                stage: string;
                state: string;
            }[];
            /** @description The machine’s context: everything the record holds */
            context: unknown;
            /** Format: date-time */
            createdAt: string;
            /** @description The pending deadlines, soonest first */
            deadlines: {
                /** Format: date-time */
                dueAt: string;
                /** @description A duty: someone must send the event by dueAt (the scheduler never does); otherwise the scheduler sends it when due */
                duty: boolean;
                event: string;
                label: string;
            }[];
            /** @description Hash of the last event of the chain */
            headHash: string;
            /** Format: uuid */
            id: string;
            kind: string;
            machineVersion: number;
            /** @description The events the current state takes */
            nextEvents: string[];
            /** @description The organisation the record belongs to (a child’s is its parent’s) */
            organisation: string;
            parentId: string | null;
            /** @description The state’s place on the common spine, so that kinds compare */
            stage: string;
            /** @description The state, dotted under its parents (open.published) */
            state: string;
            /** @description active, or done once the machine has reached a final state */
            status: string;
            /** @description Derived figures (a tender’s ranking) */
            summary: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            updatedAt: string;
            /** @description Number of events so far; also the ETag */
            version: number;
        };
        /** @description The JSON `data` of one `event: change` message of GET /api/stream, published once the command has committed. The stream is text/event-stream: a `retry: 3000` line first, then `id: <n>`, `event: change`, `data: <this object>` per change (n increases on this node), and a `: keep-alive` comment line when idle. */
        LiveChange: {
            /** @description Who sent it (scheduler for a fired deadline) */
            actor: string;
            /**
             * Format: date-time
             * @description The business instant of the event (UTC)
             */
            at: string;
            /** Format: uuid */
            instanceId: string;
            kind: string;
            /** @description The record’s organisation (a stream carries only the changes of records its caller may read) */
            organisation: string;
            parentId: string | null;
            /**
             * Format: date-time
             * @description When it was written (real time, UTC)
             */
            recordedAt: string;
            /** @description Its place on the common spine */
            stage: string;
            /** @description The state after the command (open.published) */
            state: string;
            /** @description active, or done once the machine has reached a final state */
            status: string;
            /** @description The event’s type, or CREATED for a new record */
            type: string;
            /** @description The record’s version after the command (its ETag) */
            version: number;
        };
        MachineDescription: {
            /** @description The XState machine config as JSON (guards and actions by name, functions left out), as statechart tools such as Stately's inspector read it */
            definition: {
                [key: string]: unknown;
            };
            description: string;
            /** @description A Mermaid state diagram */
            diagram: string;
            /** @description The side effects the machine declares (returned as data with each decision) */
            effects: string[];
            events: string[];
            /** @description Each event's payload schema (without `type`, `at` and `expectedVersion`): what the console builds its forms from */
            eventSchemas: {
                [key: string]: {
                    [key: string]: unknown;
                };
            };
            /** @description A JSON Schema (2020-12) */
            inputSchema: {
                [key: string]: unknown;
            };
            kind: string;
            rules: string[];
            states: {
                deadlines: {
                    dueAt: string;
                    /** @description A duty: someone must send the event by the date; otherwise the scheduler sends it */
                    duty: boolean;
                    each?: string;
                    event: string;
                    label: string;
                }[];
                events: string[];
                final: boolean;
                id: string;
                stage: string | null;
            }[];
            /** @description The latest machine version: new records are pinned to it */
            version: number;
            versions: number[];
        };
        MachineSummary: {
            description: string;
            events: string[];
            kind: string;
            states: string[];
            /** @description The latest machine version: new records are pinned to it */
            version: number;
            versions: number[];
        };
        Me: {
            /** @description The actor recorded in histories for what this principal does: a static token’s name, or `Display Name <sub@issuer-host>` for an OpenID Connect token */
            actor: string;
            /** @description Reads the records of every organisation (global auditors and schedulers) */
            allOrganisations: boolean;
            /** @description What the role may do (the API stays the authority: a forced request is still refused with 403) */
            can: {
                createRecords: boolean;
                /** @description The open-data exports (DECP, OCDS): auditors, global auditors and administrators */
                exportOpenData: boolean;
                fireDeadlines: boolean;
                /** @description List, create, rotate and delete webhook subscriptions: administrators */
                manageWebhooks: boolean;
                moveClock: boolean;
                readAudit: boolean;
                /** @description The deliveries, across records and on a record: administrators, auditors and global auditors */
                readNotifications: boolean;
                /** @description Retry a dead delivery: administrators */
                retryNotifications: boolean;
                sendEvents: boolean;
            };
            /** @description The token’s issuer (OpenID Connect tokens only) */
            issuer?: string;
            /** @description The display name: a static token’s name, or the name claim of an OpenID Connect token */
            name: string;
            /** @description The organisations the principal belongs to (a static token’s `@org1+org2`, else the default organisation; an OpenID Connect token’s OIDC_ORG_CLAIM). Administrators and auditors reach only their records */
            organisations: string[];
            /** @description The role the token carries */
            role: "administrator" | "scheduler" | "auditor" | "global-auditor";
            /** @description The token’s `sub` (OpenID Connect tokens only) */
            subject?: string;
        };
        Notification: {
            attempts: number;
            /**
             * @description webhook: POSTed to a subscription; email: mailed to `recipient`
             * @enum {string}
             */
            channel: "webhook" | "email";
            /** Format: date-time */
            createdAt: string;
            deliveredAt: string | null;
            /**
             * Format: uuid
             * @description The delivery: one message to one subscription or one e-mail recipient
             */
            id: string;
            /** Format: uuid */
            instanceId: string;
            kind: string;
            lastAttemptAt: string | null;
            /** @description Why the last attempt failed */
            lastError: string | null;
            /** @description The HTTP status (webhook) or SMTP reply code (e-mail) of the last attempt; null without an answer */
            lastStatusCode: number | null;
            /**
             * Format: uuid
             * @description The stable message id, sent as webhook-id, and in the Message-ID of an e-mail
             */
            messageId: string;
            /** @description When pending: the next attempt */
            nextAttemptAt: string | null;
            /** @description The e-mail’s recipient; null for a webhook */
            recipient: string | null;
            /** @description The event that declared the effect */
            seq: number;
            /**
             * @description pending: to be attempted (again); delivered: a 2xx answer (webhook) or the SMTP server accepted it (e-mail); dead: given up after WEBHOOK_MAX_ATTEMPTS
             * @enum {string}
             */
            status: "pending" | "delivered" | "dead";
            /** @description The subscription; null for an e-mail */
            subscriptionId: string | null;
            /** @description The effect type */
            type: string;
            /** @description The subscription’s address (empty once it is deleted); mailto: and the recipient for an e-mail */
            url: string;
        };
        /** @description Notifications, newest first */
        NotificationList: {
            items: components["schemas"]["Notification"][];
            limit: number;
            offset: number;
            /** @description How many items match, over every page */
            total: number;
        };
        /** @description One OCDS 1.1.5 release */
        OcdsRelease: {
            awards?: {
                /** Format: date-time */
                date: string;
                id: string;
                /** @description awardStatus codelist (closed) */
                status: string;
                suppliers: {
                    id: string;
                    name: string;
                }[];
                value?: {
                    /** @description Decimal euros */
                    amount: number;
                    /** @constant */
                    currency: "EUR";
                };
            }[];
            buyer?: {
                id: string;
                name: string;
            };
            contracts?: {
                amendments?: {
                    /** Format: date-time */
                    date: string;
                    description: string;
                    id: string;
                }[];
                awardID: string;
                /** Format: date-time */
                dateSigned?: string;
                id: string;
                period?: {
                    durationInDays?: number;
                    /** Format: date-time */
                    endDate?: string;
                    /** Format: date-time */
                    startDate?: string;
                };
                /** @description contractStatus codelist (closed) */
                status: string;
                value?: {
                    /** @description Decimal euros */
                    amount: number;
                    /** @constant */
                    currency: "EUR";
                };
            }[];
            /** Format: date-time */
            date: string;
            /** @description Stable: the record’s event that reached the stage (its seq) and the tag */
            id: string;
            /** @constant */
            initiationType: "tender";
            /** @constant */
            language: "fr";
            ocid: string;
            parties: {
                id: string;
                identifier?: {
                    id: string;
                    legalName?: string;
                    scheme: string;
                };
                name: string;
                roles: string[];
            }[];
            tag: string[];
            tender: {
                awardCriteriaDetails?: string;
                awardPeriod?: {
                    durationInDays?: number;
                    /** Format: date-time */
                    endDate?: string;
                    /** Format: date-time */
                    startDate?: string;
                };
                description?: string;
                id: string;
                items?: {
                    classification: {
                        id: string;
                        /** @constant */
                        scheme: "CPV";
                    };
                    description?: string;
                    id: string;
                }[];
                numberOfTenderers?: number;
                procurementMethod?: string;
                procurementMethodDetails?: string;
                /** @description tenderStatus codelist (closed) */
                status: string;
                tenderers?: {
                    id: string;
                    name: string;
                }[];
                tenderPeriod?: {
                    durationInDays?: number;
                    /** Format: date-time */
                    endDate?: string;
                    /** Format: date-time */
                    startDate?: string;
                };
                title?: string;
                value?: {
                    /** @description Decimal euros */
                    amount: number;
                    /** @constant */
                    currency: "EUR";
                };
            };
        };
        /** @description An OCDS 1.1.5 release package */
        OcdsReleasePackage: {
            /**
             * Format: date-time
             * @description The date of the latest release it holds
             */
            publishedDate: string;
            publisher: {
                name: string;
            };
            releases: components["schemas"]["OcdsRelease"][];
            /** Format: uri */
            uri: string;
            /** @constant */
            version: "1.1";
        };
        OutboxMessage: {
            /**
             * Format: date-time
             * @description When the event was written
             */
            createdAt: string;
            /** @description One per subscription that matched */
            deliveries: components["schemas"]["Notification"][];
            /** @description When the dispatcher created its deliveries; null until then */
            dispatchedAt: string | null;
            /** Format: uuid */
            messageId: string;
            /**
             * Format: date-time
             * @description The event’s business instant
             */
            occurredAt: string;
            /** @description The effect’s params, as sent in data.params */
            params: unknown;
            /** @description The event that declared the effect */
            seq: number;
            /** @description The effect type */
            type: string;
        };
        Problem: {
            acceptedEvents?: string[];
            /** @enum {string} */
            code: "VALIDATION_FAILED" | "UNKNOWN_KIND" | "UNKNOWN_EVENT" | "INSTANCE_NOT_FOUND" | "PARENT_NOT_FOUND" | "EVENT_NOT_ACCEPTED" | "RULE_REFUSED" | "VERSION_CONFLICT" | "PRECONDITION_FAILED" | "PRECONDITION_REQUIRED" | "IDEMPOTENCY_KEY_REUSED" | "IDEMPOTENCY_KEY_IN_FLIGHT" | "NOTIFICATION_NOT_RETRYABLE" | "WEBHOOK_ADDRESS_NOT_ALLOWED" | "INVALID_TIME" | "NOT_FOUND" | "NOT_A_TENDER" | "NOTHING_TO_PUBLISH" | "UNAUTHENTICATED" | "TOKEN_INVALID" | "FORBIDDEN" | "ORGANISATION_FORBIDDEN" | "ORGANISATION_REQUIRED" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "RATE_LIMITED" | "BAD_REQUEST" | "INTERNAL";
            /** @description What went wrong with this request, in words */
            detail: string;
            /** @description VALIDATION_FAILED: one entry per invalid field */
            errors?: components["schemas"]["FieldError"][];
            /** @description The path of the request */
            instance?: string;
            /** @description RULE_REFUSED: the rule that refused */
            rule?: string;
            /** @description The state of the record when it refused */
            state?: string;
            status: number;
            title: string;
            /** @description Address of a page describing this kind of problem (/api/problems/<code>) */
            type: string;
        } & {
            [key: string]: unknown;
        };
        ProblemType: {
            code: string;
            description: string;
            status: number;
            title: string;
            type: string;
        };
        SexCount: {
            F: number;
            M: number;
            total: number;
        };
        /** tender AMEND_CONTRACT */
        TenderAmendContractEvent: {
            /** @description The new amount excl. VAT in cents */
            amountExclVatCents?: number;
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @description The new duration in months */
            durationMonths?: number;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /** @description The holders after the amendment (an empty list: unchanged) */
            holders?: {
                /**
                 * @description The SIRET, or the identifier under `scheme`
                 * @example 12345678000014
                 */
                identifier: string;
                /** @example Coaching Coop */
                name: string;
                /**
                 * @description What `identifier` is (DECP typeIdentifiant); absent: SIRET
                 * @enum {string}
                 */
                scheme?: "SIRET" | "TVA" | "TAHITI" | "RIDET" | "FRWF" | "IREP" | "HORS-UE";
            }[];
            /**
             * Format: date
             * @description The day the amendment was notified
             */
            notifiedOn: string;
            summary: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "AMEND_CONTRACT";
        };
        /** tender ATTRIBUTE */
        TenderAttributeEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @example B1 */
            bidId: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /** @description Why the attribution comes after the decision date */
            lateReason?: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "ATTRIBUTE";
        };
        /** tender CANCEL */
        TenderCancelEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            reason: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "CANCEL";
        };
        /**
         * tender CLOSE_BIDS
         * @description Sent by the scheduler at the bid deadline (or by an administrator after it)
         */
        TenderCloseBidsEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "CLOSE_BIDS";
        };
        /** tender COMPLETE_DELIVERY */
        TenderCompleteDeliveryEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /**
             * Format: date-time
             * @description ISO 8601 instant with an offset (Z or ±hh:mm), stored in UTC.
             */
            completedAt?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "COMPLETE_DELIVERY";
        };
        /** tender DECLARE_UNSUCCESSFUL */
        TenderDeclareUnsuccessfulEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            reason: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "DECLARE_UNSUCCESSFUL";
        };
        /** tender event */
        TenderEvent: components["schemas"]["TenderUpdateDraftEvent"] | components["schemas"]["TenderPublishEvent"] | components["schemas"]["TenderSubmitBidEvent"] | components["schemas"]["TenderWithdrawBidEvent"] | components["schemas"]["TenderCloseBidsEvent"] | components["schemas"]["TenderStartAuditionsEvent"] | components["schemas"]["TenderRecordAuditionEvent"] | components["schemas"]["TenderScoreBidEvent"] | components["schemas"]["TenderAttributeEvent"] | components["schemas"]["TenderDeclareUnsuccessfulEvent"] | components["schemas"]["TenderCancelEvent"] | components["schemas"]["TenderStartDeliveryEvent"] | components["schemas"]["TenderRecordInterventionEvent"] | components["schemas"]["TenderCompleteDeliveryEvent"] | components["schemas"]["TenderRecordEndEvaluationEvent"] | components["schemas"]["TenderSixMonthEvaluationDueEvent"] | components["schemas"]["TenderRecordSixMonthEvaluationEvent"] | components["schemas"]["TenderNotifyContractEvent"] | components["schemas"]["TenderAmendContractEvent"] | components["schemas"]["TenderRecordPublicationEvent"] | components["schemas"]["TenderInformBidderEvent"];
        /** tender INFORM_BIDDER */
        TenderInformBidderEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @example B1 */
            bidId: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /**
             * Format: date-time
             * @description When the bidder was informed (default: the event's at)
             */
            informedAt?: string;
            /**
             * @description How the bidder was informed
             * @enum {string}
             */
            means: "email" | "registeredLetter" | "platform" | "handDelivered";
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "INFORM_BIDDER";
        };
        /** tender input */
        TenderInput: {
            /**
             * Format: date-time
             * @description ISO 8601 instant with an offset (Z or ±hh:mm), stored in UTC.
             * @example 2022-08-05T23:59:59+02:00
             */
            bidDeadline?: string;
            /**
             * @description Budget cap in cents incl. VAT
             * @example 4000000
             */
            budgetCapCents?: number;
            /**
             * @description Budget floor in cents incl. VAT
             * @example 3500000
             */
            budgetFloorCents?: number;
            /** @example Creativ' */
            buyer?: string;
            /**
             * @description The buyer's SIRET (DECP acheteur.id)
             * @example 21000000000013
             */
            buyerSiret?: string;
            /**
             * @description DECP ccag
             * @enum {string}
             */
            ccag?: "Travaux" | "Maitrise d'œuvre" | "Fournitures courantes et services" | "Marchés industriels" | "Prestations intellectuelles" | "Techniques de l'information et de la communication" | "Pas de CCAG";
            /** Contact */
            contact?: {
                /**
                 * Format: email
                 * @description Their e-mail address
                 * @example achats@example.org
                 */
                email?: string;
                /**
                 * @description Their name
                 * @example Claire Martin
                 */
                name?: string;
            };
            /**
             * @description The buyer's own number for the contract (DECP id)
             * @example 2022-CREA-001
             */
            contractId?: string;
            /** @example 79000000-4 */
            cpvCode?: string;
            criteria?: {
                /** @example technical */
                id: string;
                /**
                 * @description price: scored from the prices by the formula; quality: scored by the committee
                 * @enum {string}
                 */
                kind: "quality" | "price";
                /** @example Technical value */
                label: string;
                /** @description Weight in points; the weights of a tender sum to 100 */
                weight: number;
            }[];
            /**
             * Format: date-time
             * @description ISO 8601 instant with an offset (Z or ±hh:mm), stored in UTC.
             * @example 2022-08-25T18:00:00+02:00
             */
            decisionDate?: string;
            /** Delivery caps */
            deliveryCaps?: {
                maxDaysPerStructure?: number;
                maxStructures?: number;
                maxTotalDays?: number;
            };
            /** @description Initial duration in months (DECP dureeMois) */
            durationMonths?: number;
            /** @description DECP considerationsEnvironnementales */
            environmentalConsiderations?: ("Clause environnementale" | "Critère environnemental" | "Pas de considération environnementale")[];
            /** @description DECP modalitesExecution */
            executionMethods?: ("Tranches" | "Bons de commande" | "Marchés subséquents" | "Sans objet")[];
            /** @description DECP marcheInnovant */
            innovative?: boolean;
            /** @description Move a bid deadline that falls on a day off to the next working day */
            moveDeadlineToWorkingDay?: boolean;
            /**
             * @description DECP nature
             * @enum {string}
             */
            nature?: "Marché" | "Marché de partenariat" | "Marché de défense ou de sécurité";
            object?: string;
            /** Place of execution */
            placeOfExecution?: {
                /**
                 * @description The code of the place (postal code, INSEE commune code, département, région, country)
                 * @example 21231
                 */
                code?: string;
                /**
                 * @description What `code` is (DECP lieuExecution.typeCode)
                 * @enum {string}
                 */
                typeCode?: "Code postal" | "Code commune" | "Code arrondissement" | "Code canton" | "Code département" | "Code région" | "Code pays";
            };
            /**
             * Format: date
             * @description A calendar date YYYY-MM-DD (Europe/Paris).
             */
            plannedDeliveryStart?: string;
            /** @description Days START_DELIVERY may stray from plannedDeliveryStart before it is marked (default 15) */
            plannedStartToleranceDays?: number;
            /**
             * @description DECP formePrix
             * @enum {string}
             */
            priceForm?: "Unitaire" | "Forfaitaire" | "Mixte";
            /** @description DECP typesPrix */
            priceTypes?: ("Définitif ferme" | "Définitif actualisable" | "Définitif révisable" | "Provisoire")[];
            /**
             * @description DECP procedure
             * @enum {string}
             */
            procedure?: "Procédure adaptée" | "Appel d'offres ouvert" | "Appel d'offres restreint" | "Procédure avec négociation" | "Marché passé sans publicité ni mise en concurrence préalable" | "Dialogue compétitif";
            /** @description DECP techniques */
            purchaseTechniques?: ("Accord-cadre" | "Concours" | "Système de qualification" | "Système d'acquisition dynamique" | "Catalogue électronique" | "Enchère électronique" | "Sans objet")[];
            /**
             * @example [
             *       "presentation",
             *       "proposal",
             *       "references",
             *       "price"
             *     ]
             */
            requiredDocuments?: string[];
            /**
             * @description What the +6-month evaluation counts from: the start (default) or the end of delivery
             * @enum {string}
             */
            sixMonthAnchor?: "start" | "end";
            /** @description DECP considerationsSociales */
            socialConsiderations?: ("Clause sociale" | "Critère social" | "Marché réservé" | "Pas de considération sociale")[];
            theme?: string;
            /** @example Remobilisation and coaching of women from priority neighbourhoods */
            title?: string;
        };
        /** tender NOTIFY_CONTRACT */
        TenderNotifyContractEvent: {
            /** Advance */
            advance?: {
                /** @description An advance was granted (DECP attributionAvance) */
                granted?: boolean;
                /** @description Its rate: 0.1 = 10 % (DECP tauxAvance) */
                rate?: number;
            };
            /** @description Amount excl. VAT in cents; default: the awarded bid's */
            amountExclVatCents?: number;
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /**
             * Format: date
             * @description The day the contract was notified to its holders (DECP dateNotification)
             */
            notifiedOn: string;
            /** @description DECP sousTraitanceDeclaree (default false) */
            subcontractingDeclared?: boolean;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "NOTIFY_CONTRACT";
        };
        /** tender PUBLISH */
        TenderPublishEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "PUBLISH";
        };
        /** tender RECORD_AUDITION */
        TenderRecordAuditionEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @example B1 */
            bidId: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /** @enum {string} */
            mode: "inPerson" | "video";
            notes?: string;
            /** @description Criterion id → score from 0 to 100 */
            scores?: {
                [key: string]: number;
            };
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "RECORD_AUDITION";
        };
        /** tender RECORD_END_EVALUATION */
        TenderRecordEndEvaluationEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            questionnaireResult: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "RECORD_END_EVALUATION";
            verbalExchangeNotes: string;
        };
        /** tender RECORD_INTERVENTION */
        TenderRecordInterventionEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /**
             * Format: date
             * @description A calendar date YYYY-MM-DD (Europe/Paris).
             */
            date: string;
            days: number;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            structure: string;
            /**
             * @description The structure's SIRET: identifies it for the caps
             * @example 21000000000013
             */
            structureSiret?: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "RECORD_INTERVENTION";
        };
        /** tender RECORD_PUBLICATION */
        TenderRecordPublicationEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /** @description A modification's id: its republication */
            modificationId?: number;
            /**
             * Format: date
             * @description The day the essential data were published
             */
            publishedOn: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "RECORD_PUBLICATION";
            /**
             * @description Where: a URL or the place
             * @example https://www.data.gouv.fr/
             */
            where: string;
        };
        /** tender RECORD_SIX_MONTH_EVALUATION */
        TenderRecordSixMonthEvaluationEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            questionnaireResult: string;
            respondents?: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "RECORD_SIX_MONTH_EVALUATION";
        };
        /** tender SCORE_BID */
        TenderScoreBidEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @example B1 */
            bidId: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /** @description Criterion id → score from 0 to 100 */
            scores: {
                [key: string]: number;
            };
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "SCORE_BID";
        };
        /**
         * tender SIX_MONTH_EVALUATION_DUE
         * @description Sent by the scheduler when the +6-month evaluation falls due
         */
        TenderSixMonthEvaluationDueEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "SIX_MONTH_EVALUATION_DUE";
        };
        /** tender START_AUDITIONS */
        TenderStartAuditionsEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "START_AUDITIONS";
        };
        /** tender START_DELIVERY */
        TenderStartDeliveryEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /**
             * Format: date-time
             * @description ISO 8601 instant with an offset (Z or ±hh:mm), stored in UTC.
             */
            startedAt?: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "START_DELIVERY";
        };
        /** tender SUBMIT_BID */
        TenderSubmitBidEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** Organisation (tender@3) */
            bidder: {
                /**
                 * @description The SIRET, or the identifier under `scheme`
                 * @example 12345678000014
                 */
                identifier: string;
                /** @example Coaching Coop */
                name: string;
                /**
                 * @description What `identifier` is (DECP typeIdentifiant); absent: SIRET
                 * @enum {string}
                 */
                scheme?: "SIRET" | "TVA" | "TAHITI" | "RIDET" | "FRWF" | "IREP" | "HORS-UE";
            };
            consortium?: {
                /**
                 * @description The SIRET, or the identifier under `scheme`
                 * @example 12345678000014
                 */
                identifier: string;
                /** @example Coaching Coop */
                name: string;
                /**
                 * @description What `identifier` is (DECP typeIdentifiant); absent: SIRET
                 * @enum {string}
                 */
                scheme?: "SIRET" | "TVA" | "TAHITI" | "RIDET" | "FRWF" | "IREP" | "HORS-UE";
            }[];
            /**
             * Format: email
             * @description Where the bidder is written to: its letter if rejected, the award if retained
             * @example achats@example.org
             */
            contactEmail?: string;
            /** @description Document name → reference (a file name or a link) */
            documents?: {
                [key: string]: string;
            };
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /**
             * @description With a consortium: how its members are bound (DECP)
             * @enum {string}
             */
            groupingType?: "Conjoint" | "Solidaire";
            /** @description Euro cents */
            priceExclVatCents: number;
            /** @description Euro cents */
            priceInclVatCents: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "SUBMIT_BID";
        };
        /** tender UPDATE_DRAFT */
        TenderUpdateDraftEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /**
             * Format: date-time
             * @description ISO 8601 instant with an offset (Z or ±hh:mm), stored in UTC.
             * @example 2022-08-05T23:59:59+02:00
             */
            bidDeadline?: string;
            /**
             * @description Budget cap in cents incl. VAT
             * @example 4000000
             */
            budgetCapCents?: number;
            /**
             * @description Budget floor in cents incl. VAT
             * @example 3500000
             */
            budgetFloorCents?: number;
            /** @example Creativ' */
            buyer?: string;
            /**
             * @description The buyer's SIRET (DECP acheteur.id)
             * @example 21000000000013
             */
            buyerSiret?: string;
            /**
             * @description DECP ccag
             * @enum {string}
             */
            ccag?: "Travaux" | "Maitrise d'œuvre" | "Fournitures courantes et services" | "Marchés industriels" | "Prestations intellectuelles" | "Techniques de l'information et de la communication" | "Pas de CCAG";
            /** Contact */
            contact?: {
                /**
                 * Format: email
                 * @description Their e-mail address
                 * @example achats@example.org
                 */
                email?: string;
                /**
                 * @description Their name
                 * @example Claire Martin
                 */
                name?: string;
            };
            /**
             * @description The buyer's own number for the contract (DECP id)
             * @example 2022-CREA-001
             */
            contractId?: string;
            /** @example 79000000-4 */
            cpvCode?: string;
            criteria?: {
                /** @example technical */
                id: string;
                /**
                 * @description price: scored from the prices by the formula; quality: scored by the committee
                 * @enum {string}
                 */
                kind: "quality" | "price";
                /** @example Technical value */
                label: string;
                /** @description Weight in points; the weights of a tender sum to 100 */
                weight: number;
            }[];
            /**
             * Format: date-time
             * @description ISO 8601 instant with an offset (Z or ±hh:mm), stored in UTC.
             * @example 2022-08-25T18:00:00+02:00
             */
            decisionDate?: string;
            /** Delivery caps */
            deliveryCaps?: {
                maxDaysPerStructure?: number;
                maxStructures?: number;
                maxTotalDays?: number;
            };
            /** @description Initial duration in months (DECP dureeMois) */
            durationMonths?: number;
            /** @description DECP considerationsEnvironnementales */
            environmentalConsiderations?: ("Clause environnementale" | "Critère environnemental" | "Pas de considération environnementale")[];
            /** @description DECP modalitesExecution */
            executionMethods?: ("Tranches" | "Bons de commande" | "Marchés subséquents" | "Sans objet")[];
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /** @description DECP marcheInnovant */
            innovative?: boolean;
            /** @description Move a bid deadline that falls on a day off to the next working day */
            moveDeadlineToWorkingDay?: boolean;
            /**
             * @description DECP nature
             * @enum {string}
             */
            nature?: "Marché" | "Marché de partenariat" | "Marché de défense ou de sécurité";
            object?: string;
            /** Place of execution */
            placeOfExecution?: {
                /**
                 * @description The code of the place (postal code, INSEE commune code, département, région, country)
                 * @example 21231
                 */
                code?: string;
                /**
                 * @description What `code` is (DECP lieuExecution.typeCode)
                 * @enum {string}
                 */
                typeCode?: "Code postal" | "Code commune" | "Code arrondissement" | "Code canton" | "Code département" | "Code région" | "Code pays";
            };
            /**
             * Format: date
             * @description A calendar date YYYY-MM-DD (Europe/Paris).
             */
            plannedDeliveryStart?: string;
            /** @description Days START_DELIVERY may stray from plannedDeliveryStart before it is marked (default 15) */
            plannedStartToleranceDays?: number;
            /**
             * @description DECP formePrix
             * @enum {string}
             */
            priceForm?: "Unitaire" | "Forfaitaire" | "Mixte";
            /** @description DECP typesPrix */
            priceTypes?: ("Définitif ferme" | "Définitif actualisable" | "Définitif révisable" | "Provisoire")[];
            /**
             * @description DECP procedure
             * @enum {string}
             */
            procedure?: "Procédure adaptée" | "Appel d'offres ouvert" | "Appel d'offres restreint" | "Procédure avec négociation" | "Marché passé sans publicité ni mise en concurrence préalable" | "Dialogue compétitif";
            /** @description DECP techniques */
            purchaseTechniques?: ("Accord-cadre" | "Concours" | "Système de qualification" | "Système d'acquisition dynamique" | "Catalogue électronique" | "Enchère électronique" | "Sans objet")[];
            /**
             * @example [
             *       "presentation",
             *       "proposal",
             *       "references",
             *       "price"
             *     ]
             */
            requiredDocuments?: string[];
            /**
             * @description What the +6-month evaluation counts from: the start (default) or the end of delivery
             * @enum {string}
             */
            sixMonthAnchor?: "start" | "end";
            /** @description DECP considerationsSociales */
            socialConsiderations?: ("Clause sociale" | "Critère social" | "Marché réservé" | "Pas de considération sociale")[];
            theme?: string;
            /** @example Remobilisation and coaching of women from priority neighbourhoods */
            title?: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "UPDATE_DRAFT";
        };
        /** tender WITHDRAW_BID */
        TenderWithdrawBidEvent: {
            /**
             * Format: date-time
             * @description The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event
             */
            at?: string;
            /** @example B1 */
            bidId: string;
            /** @description Apply only if the record is at this version (else 409 VERSION_CONFLICT) */
            expectedVersion?: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "WITHDRAW_BID";
        };
        /** @description Verification reports of a page of records, by ascending id */
        VerifyPage: {
            items: {
                /** @description Events examined, in seq order; the check stops at the first divergence */
                eventsChecked: number;
                /** @description Where the stored record and the recomputation first disagree */
                firstDivergentSeq: number | null;
                /**
                 * Format: uuid
                 * @description The record’s id (also `instanceId`)
                 */
                id: string;
                instanceId: string;
                kind: string;
                ok: boolean;
                /** @description What disagrees, in words */
                problem: string | null;
            }[];
            limit: number;
            offset: number;
            /** @description How many records there are to verify (of the kind), over every page */
            total: number;
        };
        VerifyReport: {
            /** @description Events examined, in seq order; the check stops at the first divergence */
            eventsChecked: number;
            /** @description Where the stored record and the recomputation first disagree */
            firstDivergentSeq: number | null;
            instanceId: string;
            ok: boolean;
            /** @description What disagrees, in words */
            problem: string | null;
        };
        /** @description Subscriptions, oldest first */
        WebhookList: {
            items: components["schemas"]["WebhookSubscription"][];
            limit: number;
            offset: number;
            /** @description How many items match, over every page */
            total: number;
        };
        /** @description A subscription; its secret is never shown again */
        WebhookSubscription: {
            /** Format: date-time */
            createdAt: string;
            /** @description The administrator who created it */
            createdBy: string;
            /** @description The effect types it receives; null: every one */
            events: string[] | null;
            /** Format: uuid */
            id: string;
            /** @description The kinds of record it receives; null: every kind */
            kinds: string[] | null;
            /** @description The organisations of the administrator who created it: it receives the messages of their records only */
            organisations: string[];
            /** @description Until then messages are signed with the previous secret too; null when there is none */
            previousSecretExpiresAt: string | null;
            /** @description When the secret was last rotated */
            secretRotatedAt: string | null;
            url: string;
        };
        WebhookSubscriptionWithSecret: {
            /** Format: date-time */
            createdAt: string;
            /** @description The administrator who created it */
            createdBy: string;
            /** @description The effect types it receives; null: every one */
            events: string[] | null;
            /** Format: uuid */
            id: string;
            /** @description The kinds of record it receives; null: every kind */
            kinds: string[] | null;
            /** @description The organisations of the administrator who created it: it receives the messages of their records only */
            organisations: string[];
            /** @description Until then messages are signed with the previous secret too; null when there is none */
            previousSecretExpiresAt: string | null;
            /** @description The signing secret (whsec_ and base64), shown this once: keep it */
            secret: string;
            /** @description When the secret was last rotated */
            secretRotatedAt: string | null;
            url: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    "AuditAll.exportAll": {
        parameters: {
            query?: {
                /** @description Only records created (createdAt) at or after this instant */
                from?: string;
                /** @description Only records of this kind */
                kind?: string;
                /** @description Only records created before this instant (exclusive) */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The export */
            200: {
                headers: {
                    /** @description attachment, with a file name ending in .jsonl */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": string;
                };
            };
            /** @description Problem details, code VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
    "AuditAll.verifyPage": {
        parameters: {
            query?: {
                /** @description Only records of this kind */
                kind?: string;
                /** @description At most this many records (each is replayed whole) */
                limit?: number;
                /** @description Skip this many records */
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of verification reports */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VerifyPage"];
                };
            };
            /** @description Problem details, code VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
    "AuthConfig.authConfig": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The sign-in settings (no secret) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthConfig"];
                };
            };
        };
    };
    "Clock.read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The simulated time */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClockNow"];
                };
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "NOT_FOUND";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
    "Clock.advance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Move it forward by an ISO 8601 duration (calendar terms, Europe/Paris)
                     * @example P6M
                     */
                    advanceBy?: string;
                    /**
                     * Format: date-time
                     * @description Move the simulated clock to this instant
                     * @example 2022-08-06T00:00:00+02:00
                     */
                    advanceTo?: string;
                };
            };
        };
        responses: {
            /** @description Where the clock went and what fired */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClockAdvance"];
                };
            };
            /** @description Problem details, code VALIDATION_FAILED or BAD_REQUEST or INVALID_TIME */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "VALIDATION_FAILED" | "BAD_REQUEST" | "INVALID_TIME";
                    };
                };
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "NOT_FOUND";
                    };
                };
            };
            /** @description Problem details, code PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /** @description Problem details, code UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNSUPPORTED_MEDIA_TYPE";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
    "Deadlines.agenda": {
        parameters: {
            query?: {
                /** @description Deadlines due at or after this instant */
                from?: string;
                /** @description Only this kind of record */
                kind?: string;
                /** @description At most this many items */
                limit?: number;
                /** @description Skip this many items */
                offset?: number;
                /** @description Deadlines due at or before this instant */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The agenda */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Agenda"];
                };
            };
            /** @description Problem details, code VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
    "Deadlines.fireDue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What fired */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FireDueResult"];
                };
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
    "Health.check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description Not ready: the database does not answer, or the service is stopping */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    "Health.live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Alive */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        status: "ok";
                    };
                };
            };
        };
    };
    "Health.ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description Not ready: the database does not answer, or the service is stopping */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    "Indicators.read": {
        parameters: {
            query?: {
                /** @description Instances created at or after this instant */
                from?: string;
                /** @description Only this kind of record */
                kind?: "tender" | "convention" | "cohort";
                /** @description Only this record and its descendants (its children, theirs...): e.g. a tender and the cohorts it led to */
                parentId?: string;
                /** @description Instances created at or before this instant */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The indicators */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Indicators"];
                    "text/csv": string;
                };
            };
            /** @description Problem details, code VALIDATION_FAILED or PARENT_NOT_FOUND */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "VALIDATION_FAILED" | "PARENT_NOT_FOUND";
                    };
                };
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
    "Instances.list": {
        parameters: {
            query?: {
                /** @description Only records created at or after this instant (createdAt, ISO 8601 with an offset) */
                createdFrom?: string;
                /** @description Only records created before this instant (exclusive) */
                createdTo?: string;
                /** @description Only this kind */
                kind?: string;
                /** @description At most this many items */
                limit?: number;
                /** @description Skip this many items */
                offset?: number;
                /** @description true: only records with a pending deadline due at or before the service clock’s now (the agenda’s `overdue`, deadlines that could not fire included); false: only the others */
                overdue?: "true" | "false";
                /** @description Only this record's children */
                parentId?: string;
                /** @description Only records with a party whose name contains this text, without regard to case or accents: a tender’s buyer, one of a convention’s signatory organisations (a cohort names none, so never matches); empty: no filter */
                party?: string;
                /** @description Only records whose label (a tender’s or a convention’s title, a cohort’s group) contains this text, without regard to case or accents; empty: no filter */
                q?: string;
                /** @description Only records at this stage of the common spine */
                stage?: string;
                /** @description Only records in this state (e.g. open.published) */
                state?: string;
                /** @description Only records still running (active) or ended (done: a final state) */
                status?: "active" | "done";
                /** @description Only records last changed at or after this instant (updatedAt, ISO 8601 with an offset) */
                updatedFrom?: string;
                /** @description Only records last changed before this instant (exclusive) */
                updatedTo?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of records */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InstanceList"];
                };
            };
            /** @description Problem details, code VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
    "Instances.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 hours answers the first response again (Idempotent-Replayed: true) and stores nothing twice; the same key with another body is 422. Keys are per principal and per route. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateInstanceBody"];
            };
        };
        responses: {
            /** @description The new record */
            201: {
                headers: {
                    /** @description The record’s version, quoted ("3") */
                    ETag?: string;
                    /** @description true when the answer is the stored first response to this Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    /** @description The new record: /api/instances/{id} */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InstanceView"];
                };
            };
            /** @description Problem details, code VALIDATION_FAILED or BAD_REQUEST or UNKNOWN_KIND or PARENT_NOT_FOUND or ORGANISATION_REQUIRED or INVALID_TIME */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "VALIDATION_FAILED" | "BAD_REQUEST" | "UNKNOWN_KIND" | "PARENT_NOT_FOUND" | "ORGANISATION_REQUIRED" | "INVALID_TIME";
                    };
                };
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN or ORGANISATION_FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN" | "ORGANISATION_FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code IDEMPOTENCY_KEY_IN_FLIGHT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "IDEMPOTENCY_KEY_IN_FLIGHT";
                    };
                };
            };
            /** @description Problem details, code PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /** @description Problem details, code UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNSUPPORTED_MEDIA_TYPE";
                    };
                };
            };
            /** @description Problem details, code RULE_REFUSED or IDEMPOTENCY_KEY_REUSED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RULE_REFUSED" | "IDEMPOTENCY_KEY_REUSED";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
    "Instances.get": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag held: 304 without a body if the record is still at it */
                "If-None-Match"?: string;
            };
            path: {
                /** @description The record’s id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The record */
            200: {
                headers: {
                    /** @description The record’s version, quoted ("3") */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InstanceView"];
                };
            };
            /** @description The record is still at the version of If-None-Match */
            304: {
                headers: {
                    /** @description The record’s version, quoted ("3") */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code INSTANCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "INSTANCE_NOT_FOUND";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
    "Audit.changes": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record’s id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One entry per event, in seq order */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventChanges"];
                };
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code INSTANCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "INSTANCE_NOT_FOUND";
                    };
                };
            };
            /** @description Problem details, code EVENT_NOT_ACCEPTED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "EVENT_NOT_ACCEPTED";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
    "Instances.send": {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 hours answers the first response again (Idempotent-Replayed: true) and stores nothing twice; the same key with another body is 422. Keys are per principal and per route. */
                "Idempotency-Key"?: string;
                /** @description Apply only if the record is at this ETag ("3"), or * for any version */
                "If-Match"?: string;
            };
            path: {
                /** @description The record’s id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EventBody"];
            };
        };
        responses: {
            /** @description The record after the event */
            200: {
                headers: {
                    /** @description The record’s version, quoted ("3") */
                    ETag?: string;
                    /** @description true when the answer is the stored first response to this Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InstanceView"];
                };
            };
            /** @description Problem details, code VALIDATION_FAILED or BAD_REQUEST or UNKNOWN_EVENT or INVALID_TIME */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "VALIDATION_FAILED" | "BAD_REQUEST" | "UNKNOWN_EVENT" | "INVALID_TIME";
                    };
                };
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code INSTANCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "INSTANCE_NOT_FOUND";
                    };
                };
            };
            /** @description Problem details, code EVENT_NOT_ACCEPTED or VERSION_CONFLICT or IDEMPOTENCY_KEY_IN_FLIGHT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "EVENT_NOT_ACCEPTED" | "VERSION_CONFLICT" | "IDEMPOTENCY_KEY_IN_FLIGHT";
                    };
                };
            };
            /** @description Problem details, code PRECONDITION_FAILED */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "PRECONDITION_FAILED";
                    };
                };
            };
            /** @description Problem details, code PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /** @description Problem details, code UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNSUPPORTED_MEDIA_TYPE";
                    };
                };
            };
            /** @description Problem details, code RULE_REFUSED or IDEMPOTENCY_KEY_REUSED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RULE_REFUSED" | "IDEMPOTENCY_KEY_REUSED";
                    };
                };
            };
            /** @description Problem details, code PRECONDITION_REQUIRED */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "PRECONDITION_REQUIRED";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
    "Instances.history": {
        parameters: {
            query?: {
                /** @description Only the events after this sequence number (to follow a history as it grows) */
                afterSeq?: number;
                /** @description At most this many events */
                limit?: number;
                /** @description Skip this many events */
                offset?: number;
            };
            header?: never;
            path: {
                /** @description The record’s id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of events */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["History"];
                };
            };
            /** @description Problem details, code VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code INSTANCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "INSTANCE_NOT_FOUND";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
    "Audit.historyFile": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record’s id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The export of this one record */
            200: {
                headers: {
                    /** @description attachment, with a file name ending in .jsonl */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": string;
                };
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code INSTANCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "INSTANCE_NOT_FOUND";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
    "InstanceNotifications.ofInstance": {
        parameters: {
            query?: {
                /** @description At most this many messages */
                limit?: number;
                /** @description Skip this many messages */
                offset?: number;
            };
            header?: never;
            path: {
                /** @description The record’s id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of messages */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InstanceNotifications"];
                };
            };
            /** @description Problem details, code VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code INSTANCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "INSTANCE_NOT_FOUND";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
    "InstanceOcds.ocds": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record’s id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The release package */
            200: {
                headers: {
                    /** @description attachment, with a file name ending in .json */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OcdsReleasePackage"];
                };
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code INSTANCE_NOT_FOUND or NOTHING_TO_PUBLISH */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "INSTANCE_NOT_FOUND" | "NOTHING_TO_PUBLISH";
                    };
                };
            };
            /** @description Problem details, code EVENT_NOT_ACCEPTED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "EVENT_NOT_ACCEPTED";
                    };
                };
            };
            /** @description Problem details, code NOT_A_TENDER */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "NOT_A_TENDER";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
    "Audit.stateAt": {
        parameters: {
            query: {
                /** @description The instant (ISO 8601 with an offset): events with `at` up to it are replayed */
                at: string;
            };
            header?: never;
            path: {
                /** @description The record’s id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The record at that instant */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InstanceView"];
                };
            };
            /** @description Problem details, code VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code INSTANCE_NOT_FOUND or NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "INSTANCE_NOT_FOUND" | "NOT_FOUND";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
    "Audit.verify": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record’s id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The verification report */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VerifyReport"];
                };
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code INSTANCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "INSTANCE_NOT_FOUND";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
    "Instances.summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The counts */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InstancesSummary"];
                };
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
    "Machines.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every kind, at its latest version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MachineSummary"][];
                };
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
    "Machines.get": {
        parameters: {
            query?: {
                /** @description A machine version of the kind (default: the latest) */
                version?: number;
            };
            header?: never;
            path: {
                /** @description tender, convention or cohort */
                kind: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The kind at that version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MachineDescription"];
                };
            };
            /** @description Problem details, code VALIDATION_FAILED or UNKNOWN_KIND */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "VALIDATION_FAILED" | "UNKNOWN_KIND";
                    };
                };
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "NOT_FOUND";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
    "Me.me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The principal */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
    "Metrics.scrape": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The metrics */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
    "Notifications.list": {
        parameters: {
            query?: {
                /** @description Only webhooks or only e-mails */
                channel?: "webhook" | "email";
                /** @description Only the notifications of this record */
                instanceId?: string;
                /** @description At most this many items */
                limit?: number;
                /** @description Skip this many items */
                offset?: number;
                /** @description Only notifications in this status */
                status?: "pending" | "delivered" | "dead";
                /** @description Only the notifications of this subscription */
                subscriptionId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of notifications */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationList"];
                };
            };
            /** @description Problem details, code VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
    "Notifications.retry": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The notification’s id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The notification, pending */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Notification"];
                };
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "NOT_FOUND";
                    };
                };
            };
            /** @description Problem details, code NOTIFICATION_NOT_RETRYABLE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "NOTIFICATION_NOT_RETRYABLE";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
    "OpenData.decp": {
        parameters: {
            query: {
                /** @description First business date of the period (Europe/Paris), inclusive */
                from: string;
                /** @description Last business date of the period (Europe/Paris), inclusive */
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The DECP document */
            200: {
                headers: {
                    /** @description attachment, with a file name ending in .json */
                    "Content-Disposition"?: string;
                    /** @description How many contracts of the period lack a field DECP requires */
                    "X-Decp-Skipped"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DecpDocument"];
                };
            };
            /** @description Problem details, code VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
    "OpenData.ocds": {
        parameters: {
            query: {
                /** @description First business date of the period (Europe/Paris), inclusive */
                from: string;
                /** @description Last business date of the period (Europe/Paris), inclusive */
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The release package */
            200: {
                headers: {
                    /** @description attachment, with a file name ending in .json */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OcdsReleasePackage"];
                };
            };
            /** @description Problem details, code VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code NOTHING_TO_PUBLISH */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "NOTHING_TO_PUBLISH";
                    };
                };
            };
            /** @description Problem details, code EVENT_NOT_ACCEPTED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "EVENT_NOT_ACCEPTED";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
    "Problems.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The problem types */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProblemType"][];
                };
            };
        };
    };
    "Problems.page": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The code in lower case with dashes: validation-failed */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An HTML page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem details, code NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "NOT_FOUND";
                    };
                };
            };
        };
    };
    "Live.stream": {
        parameters: {
            query?: {
                /** @description Only changes of this record */
                instanceId?: string;
                /** @description Only changes of records of this kind (tender, convention, cohort) */
                kind?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stream; each `data` line holds one LiveChange */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["LiveChange"];
                };
            };
            /** @description Problem details, code VALIDATION_FAILED or UNKNOWN_KIND */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "VALIDATION_FAILED" | "UNKNOWN_KIND";
                    };
                };
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
    "Transparency.checkpoint": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The note */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
    "Transparency.newCheckpoint": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The note */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
    "Transparency.key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The key string and a line feed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
    "Transparency.consistency": {
        parameters: {
            query: {
                /** @description The older tree size: that of a checkpoint, or the current size */
                from: number;
                /** @description The newer tree size: that of a checkpoint, or the current size (the default) */
                to?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The proof */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsistencyProof"];
                };
            };
            /** @description Problem details, code VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
    "Transparency.inclusion": {
        parameters: {
            query: {
                /** @description The leaf index (an event’s `leafIndex` in its history) */
                index: number;
                /** @description The tree size: that of a checkpoint, or the current size (the default) */
                size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The proof */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InclusionProof"];
                };
            };
            /** @description Problem details, code VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
    "Webhooks.list": {
        parameters: {
            query?: {
                /** @description At most this many items */
                limit?: number;
                /** @description Skip this many items */
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of subscriptions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookList"];
                };
            };
            /** @description Problem details, code VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
    "Webhooks.subscribe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Only these effect types (e.g. informAwardedBidder, or reminder for the reminders before deadlines); each must be declared by one of the kinds. Absent: every effect */
                    events?: string[];
                    /** @description Only records of these kinds (tender, convention, cohort). Absent: every kind */
                    kinds?: string[];
                    /**
                     * @description Where messages are POSTed: an http or https address
                     * @example https://buyer.example/hooks/engine
                     */
                    url: string;
                };
            };
        };
        responses: {
            /** @description The subscription, with its secret (shown once) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSubscriptionWithSecret"];
                };
            };
            /** @description Problem details, code VALIDATION_FAILED or BAD_REQUEST */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "VALIDATION_FAILED" | "BAD_REQUEST";
                    };
                };
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /** @description Problem details, code UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNSUPPORTED_MEDIA_TYPE";
                    };
                };
            };
            /** @description Problem details, code WEBHOOK_ADDRESS_NOT_ALLOWED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "WEBHOOK_ADDRESS_NOT_ALLOWED";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
    "Webhooks.remove": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The subscription’s id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The subscription as it was */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSubscription"];
                };
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "NOT_FOUND";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
    "Webhooks.rotate": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The subscription’s id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The subscription with its new secret (shown once) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSubscriptionWithSecret"];
                };
            };
            /** @description Problem details, code UNAUTHENTICATED or TOKEN_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED" | "TOKEN_INVALID";
                    };
                };
            };
            /** @description Problem details, code FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Problem details, code NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "NOT_FOUND";
                    };
                };
            };
            /** @description Problem details, code RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
    };
}
