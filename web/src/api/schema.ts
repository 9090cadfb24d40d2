// Generated from /api/openapi.json by `pnpm api-types` (api/src/openapi/web-types.ts); do not edit.
export interface paths {
    "/api/areas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    /** @description Only this county (six-digit code) */
                    county?: string;
                    level?: "district" | "zone" | "grid" | "village";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Areas of one level */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/geo+json": components["schemas"]["AreaCollection"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query: {
                    year: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Grids ranked by score (equal scores share a rank), with each indicator’s value, weight and points */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Assessment"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query: {
                    year: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The assessment as .xlsx */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assignments/{id}/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Ended; the history keeps it */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assignments/unassigned-institutions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Active institutions in the caller’s scope that no member answers for: who must be assigned */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            gridId: number | null;
                            gridName: string | null;
                            id: number;
                            name: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    action?: string;
                    /** @description Rows older than this id: the next page */
                    before?: number;
                    entity?: string;
                    /** @description First day (China time) */
                    from?: string;
                    limit?: number;
                    /** @description Last day (China time) */
                    to?: string;
                    username?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Newest first; `next` asks for the following page (null: no more) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AuditPage"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit/chain": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    /** @description Read the whole chain now, not only what came since the last check */
                    whole?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The log’s hash chain (all counties: one chain): intact, or the first broken link. Read whole at most hourly or with whole=true; otherwise from the last intact link */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AuditChain"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit/choices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The actions and entities the county’s audit log holds */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AuditChoices"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    action?: string;
                    entity?: string;
                    /** @description First day (China time) */
                    from?: string;
                    /** @description Last day (China time) */
                    to?: string;
                    username?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The filtered rows, newest first, as a 审计日志 sheet (at most 50,000; narrow the filter for more) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/demo-accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Demo accounts (demo mode only) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DemoAccount"][];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/display": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        token: string;
                    };
                };
            };
            responses: {
                /** @description The display cookie is set; this browser now reads the map as that wall screen */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/gis-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A new GIS key (the old one stops working), shown this once: QGIS or GDAL send it as the password of HTTP Basic credentials on /ogc */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GisKey"];
                    };
                };
            };
        };
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The GIS key no longer works */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The second factor: a 6-digit code from the authenticator app or a recovery code; asked for (401 second-factor-required) when the account has one */
                        code?: string;
                        password: string;
                        username: string;
                    };
                };
            };
            responses: {
                /** @description Logged in; the session cookie is set */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Logged out */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The logged-in user */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PasswordChange"];
                };
            };
            responses: {
                /** @description Changed; the account’s other sessions have ended */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/second-factor": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The caller’s second factor and GIS key */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SecondFactorStatus"];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SecondFactorConfirmation"];
                };
            };
            responses: {
                /** @description The second factor is on; the recovery codes are shown this once */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecoveryCodes"];
                    };
                };
            };
        };
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SecondFactorRemoval"];
                };
            };
            responses: {
                /** @description The second factor is off */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/second-factor/enrolment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A new secret, not yet in force: confirm it with a code from the app */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SecondFactorEnrolment"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The logged-in user, or null: lets a page ask without provoking a 401 */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: components["schemas"]["User"] & (Record<string, never> | null);
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/blacklist-entries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["BlacklistEntryInput"];
                };
            };
            responses: {
                /** @description Added; an institution entry in force flags the institution at once */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/blacklist-entries/{id}/lift": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Lifted; the entry stays in the history */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/boundaries/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["GridCollection"];
                };
            };
            responses: {
                /** @description Whether the grids may be published, and every problem found with where it is */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            features: number;
                            problems: {
                                at?: [
                                    number,
                                    number
                                ];
                                feature?: number;
                                institutionId?: number;
                                kind: string;
                                message: string;
                                otherFeature?: number;
                                /** @enum {string} */
                                severity: "error" | "warning";
                            }[];
                            valid: boolean;
                        };
                    };
                };
                /** @description Not a GeoJSON FeatureCollection */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Upload too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/boundaries/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Boundary versions, newest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            effectiveFrom: string | null;
                            grids: number;
                            id: number;
                            isDemo: boolean;
                            name: string;
                            publishedAt: string | null;
                            publishedBy: string | null;
                            status: string;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/campaigns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Latest ending first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CampaignSummary"][];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CampaignStart"];
                };
            };
            responses: {
                /** @description Started */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            areaId: number | null;
                            areaName: string | null;
                            categories: string[];
                            createdBy: string;
                            endsOn: string;
                            gridIds: number[];
                            id: number;
                            inspected: number;
                            institutions: number;
                            name: string;
                            /** @enum {string} */
                            phase: "upcoming" | "running" | "ended";
                            startsOn: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/campaigns/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Progress per grid, institutions, problems — within the caller’s scope */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Campaign"];
                    };
                };
                /** @description No such campaign */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/circulars": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Newest month first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Circular"][];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CircularDraftRequest"];
                };
            };
            responses: {
                /** @description Drafted, or the draft recomputed from the records and the thresholds now */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Circular"];
                    };
                };
                /** @description The month is not over, or its circular is published */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/circulars/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The circular */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Circular"];
                    };
                };
                /** @description No such circular, or a draft the caller may not see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CircularEdit"];
                };
            };
            responses: {
                /** @description Saved */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Circular"];
                    };
                };
                /** @description Published circulars are not changed */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        trace?: never;
    };
    "/api/circulars/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Published */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Circular"];
                    };
                };
                /** @description Published already */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/circulars/latest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The latest published circular, or null */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Circular"] & (Record<string, never> | null);
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/clues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    overdue?: "true" | "false";
                    status?: "received" | "investigating" | "concluded";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Open clues by due date, then concluded ones */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clues: components["schemas"]["Clue"][];
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: {
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TakeClue"];
                };
            };
            responses: {
                /** @description Taken in, with its time limit; the complainant kept apart */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Clue"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/clues/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The clue and its investigation */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Clue"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/clues/{id}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: {
                    "idempotency-key"?: string;
                };
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AssignClue"];
                };
            };
            responses: {
                /** @description Assigned; under investigation */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Clue"];
                    };
                };
                /** @description Concluded already */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/clues/{id}/complainant": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Who sent the clue; every read is audited and the answer is never stored by the browser */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Complainant"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/clues/{id}/conclude": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: {
                    "idempotency-key"?: string;
                };
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ConcludeClue"];
                };
            };
            responses: {
                /** @description Concluded */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Clue"];
                    };
                };
                /** @description Not under investigation, or concluded already */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/clues/{id}/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: {
                    "idempotency-key"?: string;
                };
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["LinkClueRecord"];
                };
            };
            responses: {
                /** @description Linked to the investigation */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Clue"];
                    };
                };
                /** @description Not under investigation, or linked already */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/credit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    blacklisted?: "true" | "false";
                    grade?: "A" | "B" | "C" | "D" | "unrated";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Active institutions in the caller’s scope: blacklisted first, then by score */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            blacklisted: boolean;
                            evaluatedAt: string | null;
                            /** @enum {string|null} */
                            grade: "A" | "B" | "C" | "D" | null;
                            gridName: string | null;
                            institutionId: number;
                            name: string;
                            personsBlacklisted: number;
                            score: number | null;
                            type: string;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/credit/{institutionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    institutionId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Evaluations newest first, and every blacklist entry (lifted ones too) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            blacklisted: boolean;
                            entries: components["schemas"]["BlacklistEntry"][];
                            evaluations: {
                                evaluatedAt: string;
                                evaluatedBy: string | null;
                                evidence: string | null;
                                /** @enum {string} */
                                grade: "A" | "B" | "C" | "D";
                                id: number;
                                reason: string | null;
                                score: number;
                            }[];
                            /** @enum {string|null} */
                            grade: "A" | "B" | "C" | "D" | null;
                            institutionId: number;
                            name: string;
                            score: number | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/credit/{institutionId}/evaluations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    institutionId: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreditEvaluationInput"];
                };
            };
            responses: {
                /** @description Evaluated; the grade follows the score */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            grade: "A" | "B" | "C" | "D";
                            id: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cross-checks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query: {
                    month: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Each grid in scope with the month’s cross-check results */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CrossCheckResults"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dispatch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description What needs someone this week in the caller’s scope, most urgent first (records capped at 60 each) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Dispatch"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/display-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Every display token, newest first (never the tokens themselves) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DisplayToken"][];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @example 局三楼调度大厅 */
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Issued; the token is shown this once */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DisplayToken"] & {
                            token: string;
                            wallUrl: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/display-tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revoked; screens using it lose access at once */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description No such token */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/draws": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Every draw: planners in full; everyone else, signed in or not, published draws in full and the others by their hashes (the public list) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Draw"][];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateDraw"];
                };
            };
            responses: {
                /** @description Committed: inputs frozen, seed fixed, its hash shown */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Draw"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/draws/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One draw, as far as you may see it */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Draw"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/draws/{id}/draw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Drawn: result and seed revealed to planners */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Draw"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/draws/{id}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Published on the public list */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Draw"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/draws/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        commitment?: string;
                        inputs: {
                            inspectorCount: number;
                            inspectors: {
                                gridIds: number[];
                                institutionIds: number[];
                                staffId: number;
                            }[];
                            institutionCount: number;
                            institutions: {
                                gridId: number | null;
                                id: number;
                                weight: number;
                            }[];
                        };
                        seed: string;
                    };
                };
            };
            responses: {
                /** @description The result these inputs and this seed give, whether the seed matches the commitment, and the inputs’ hash to compare with the one published at commitment */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            commitmentMatches: boolean | null;
                            inputsDigest: string;
                            result?: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Server-sent events (text/event-stream), each filtered by the listener's scope */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/grids/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One grid in scope */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Grid"];
                    };
                };
                /** @description No such grid in your scope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/grids/{id}/materials-clerk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["MaterialsClerk"];
                };
            };
            responses: {
                /** @description Named (or cleared) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            gridId: number;
                            name: string | null;
                            staffId: number | null;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/grids/{id}/posters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One poster per active institution of the grid, by name */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            gridId: number;
                            gridName: string;
                            posters: components["schemas"]["Poster"][];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/grids/{id}/records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    /** @description First day; default the first of this month */
                    from?: string;
                    /** @description Last day; default today */
                    to?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Two sheets, 问题台账 and 检查记录, with Chinese headers, set to print on A4 */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
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
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The service and its database are up */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Health"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inspections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    /** @description Only inspections with anomalies */
                    flagged?: "true" | "false";
                    institutionId?: number;
                    limit?: number;
                    /** @description Only those the caller recorded (the phone shows whether each counted) */
                    mine?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Newest first, within the caller’s scope */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            inspections: components["schemas"]["ListedInspection"][];
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description A UUID per record; the same key again returns the first answer */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateInspection"];
                };
            };
            responses: {
                /** @description Recorded (or, for a known Idempotency-Key, the first answer again) */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Inspection"];
                    };
                };
                /** @description The institution is outside the caller’s scope, or the role does not record this kind */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Refused: a time beyond the limits, a position outside the county, a signature over another record, a reused key */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/institutions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    bbox?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Institutions in scope */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/geo+json": components["schemas"]["InstitutionCollection"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/institutions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One institution in scope */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Institution"];
                    };
                };
                /** @description No such institution in your scope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/institutions/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query: {
                    q: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Up to 20 institutions in scope, best match first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InstitutionSearchHit"][];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/institutions/within": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["InstitutionsWithin"];
                };
            };
            responses: {
                /** @description Active institutions inside, in your scope */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            gridId: number | null;
                            id: number;
                            name: string;
                            position: [
                                number,
                                number
                            ];
                            type: string;
                        }[];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ledger-items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    category?: string;
                    gridId?: number;
                    institutionId?: number;
                    limit?: number;
                    overdue?: "true" | "false";
                    status?: "open" | "rectifying" | "awaiting-verification" | "closed";
                    zoneId?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Open items first by deadline, then closed ones; within the caller’s scope */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["LedgerItem"][];
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: {
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RaiseLedgerItem"];
                };
            };
            responses: {
                /** @description Raised, open, with its deadline */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LedgerItem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ledger-items/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The item, every step of its history, and its photos before and after rectification */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LedgerItem"] & {
                            /** @description before (整改前): the finding’s own photos and those of the opening step; after (整改后): those of the rectification steps */
                            photos: {
                                after: number[];
                                before: number[];
                            };
                            steps: components["schemas"]["LedgerStep"][];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ledger-items/{id}/transitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: {
                    "idempotency-key"?: string;
                };
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["LedgerTransition"];
                };
            };
            responses: {
                /** @description Moved */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LedgerItem"];
                    };
                };
                /** @description The item’s state does not allow this move */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Closing by the person who raised or rectified the item (a second person verifies) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/map/base-map": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The configured base map, if any */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BaseMap"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/map/institutions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Every institution in scope, compact */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InstitutionLayer"];
                    };
                };
                /** @description Unchanged since the ETag sent in If-None-Match */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/inbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description What waits for the caller, urgent first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entries: components["schemas"]["InboxEntry"][];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/institutions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The caller's assigned institutions (包联) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/geo+json": components["schemas"]["InstitutionCollection"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    /** @description Any day of the week; its Monday is used. Default: this week */
                    week?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Each working day’s stops in route order; earlier days show what was done */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WeeklyPlan"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/round": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description This month’s rounds of the caller’s teams, stops in route order (checked ones carry the time) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            rounds: {
                                /** @description Stops on each day, in route order */
                                dayLengths: number[];
                                month: string;
                                start: [
                                    number,
                                    number
                                ];
                                stops: {
                                    checkedAt: string | null;
                                    gridId: number | null;
                                    id: number;
                                    name: string;
                                    position: [
                                        number,
                                        number
                                    ];
                                    type: string;
                                }[];
                                stopsPerDay: number;
                                teamId: number;
                                teamName: string;
                                zoneName: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/photos": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "multipart/form-data": components["schemas"]["PhotoUpload"];
                };
            };
            responses: {
                /** @description Kept: re-encoded, without EXIF, with a thumbnail */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Photo"];
                    };
                };
                /** @description Not a photo, or a field is wrong */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Larger than 12 MB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/photos/{id}/{size}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                    /** @description full: as shown, time, place and member burnt in; original: as taken (the evidence) */
                    size: "full" | "thumbnail" | "original";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The re-encoded JPEG or its thumbnail */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "image/jpeg": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/planner/drafts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Drafts, newest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            baseVersionId: number;
                            effectiveFrom: string | null;
                            id: number;
                            name: string;
                            revision: number;
                            scheduleProblem: {
                                key: string;
                                message: string;
                                params: {
                                    [key: string]: unknown;
                                };
                            } | null;
                            /** @enum {string} */
                            status: "open" | "scheduled" | "published" | "discarded";
                            updatedAt: string;
                            updatedBy: string | null;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        fromVersionId?: number;
                        name: string;
                    };
                };
            };
            responses: {
                /** @description The new draft */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            baseVersionId: number;
                            effectiveFrom: string | null;
                            grids: {
                                allowPieces?: boolean;
                                gridId: number | null;
                                key: string;
                                name: string;
                                villageIds: number[];
                                zoneId: number | null;
                            }[];
                            id: number;
                            name: string;
                            revision: number;
                            scheduleProblem: {
                                key: string;
                                message: string;
                                params: {
                                    [key: string]: unknown;
                                };
                            } | null;
                            /** @enum {string} */
                            status: "open" | "scheduled" | "published" | "discarded";
                            updatedAt: string;
                            updatedBy: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/planner/drafts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The draft and its grids’ shapes (GeoJSON, properties.key) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            draft: {
                                baseVersionId: number;
                                effectiveFrom: string | null;
                                grids: {
                                    allowPieces?: boolean;
                                    gridId: number | null;
                                    key: string;
                                    name: string;
                                    villageIds: number[];
                                    zoneId: number | null;
                                }[];
                                id: number;
                                name: string;
                                revision: number;
                                scheduleProblem: {
                                    key: string;
                                    message: string;
                                    params: {
                                        [key: string]: unknown;
                                    };
                                } | null;
                                /** @enum {string} */
                                status: "open" | "scheduled" | "published" | "discarded";
                                updatedAt: string;
                                updatedBy: string | null;
                            };
                            shapes: {
                                features: unknown[];
                                /** @enum {string} */
                                type: "FeatureCollection";
                            };
                        };
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        grids: {
                            allowPieces?: boolean;
                            gridId: number | null;
                            key: string;
                            name: string;
                            villageIds: number[];
                            zoneId: number | null;
                        }[];
                        name?: string;
                        revision: number;
                    };
                };
            };
            responses: {
                /** @description Saved: the new revision and the shapes */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            draft: {
                                baseVersionId: number;
                                effectiveFrom: string | null;
                                grids: {
                                    allowPieces?: boolean;
                                    gridId: number | null;
                                    key: string;
                                    name: string;
                                    villageIds: number[];
                                    zoneId: number | null;
                                }[];
                                id: number;
                                name: string;
                                revision: number;
                                scheduleProblem: {
                                    key: string;
                                    message: string;
                                    params: {
                                        [key: string]: unknown;
                                    };
                                } | null;
                                /** @enum {string} */
                                status: "open" | "scheduled" | "published" | "discarded";
                                updatedAt: string;
                                updatedBy: string | null;
                            };
                            shapes: {
                                features: unknown[];
                                /** @enum {string} */
                                type: "FeatureCollection";
                            };
                        };
                    };
                };
                /** @description Someone saved a newer revision first; nothing was saved */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/planner/drafts/{id}/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Whether it may be published, and why not */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            problems: ({
                                kind: string;
                                message: string;
                                /** @enum {string} */
                                severity: "error" | "warning";
                            } & {
                                [key: string]: unknown;
                            })[];
                            valid: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/planner/drafts/{id}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        effectiveFrom: string;
                        revision: number;
                    };
                };
            };
            responses: {
                /** @description Published (a date up to today: the institutions that changed grid), or scheduled (a later date: published on that day) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            effectiveFrom: string;
                            moved: {
                                from: number | null;
                                id: number;
                                to: number | null;
                            }[];
                            newGridIds: number[];
                            reassigned: {
                                fromStaff: string;
                                fromStaffId: number;
                                institutionId: number;
                                institutionName: string;
                                level: number;
                                toGridKey: string | null;
                                toStaff: string | null;
                                /** @description null: nobody of this level in the new grid; assign someone on /staff */
                                toStaffId: number | null;
                            }[];
                            retiredGridIds: number[];
                            /** @enum {string} */
                            status: "published";
                            versionId: number;
                        } | {
                            draftId: number;
                            effectiveFrom: string;
                            /** @enum {string} */
                            status: "scheduled";
                        };
                    };
                };
                /** @description Stale revision, boundaries published meanwhile, or another draft scheduled */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The draft has problems; nothing was published */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/planner/drafts/{id}/unschedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The draft, open again */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            baseVersionId: number;
                            effectiveFrom: string | null;
                            grids: {
                                allowPieces?: boolean;
                                gridId: number | null;
                                key: string;
                                name: string;
                                villageIds: number[];
                                zoneId: number | null;
                            }[];
                            id: number;
                            name: string;
                            revision: number;
                            scheduleProblem: {
                                key: string;
                                message: string;
                                params: {
                                    [key: string]: unknown;
                                };
                            } | null;
                            /** @enum {string} */
                            status: "open" | "scheduled" | "published" | "discarded";
                            updatedAt: string;
                            updatedBy: string | null;
                        };
                    };
                };
                /** @description The draft is not scheduled */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/planner/export/grids": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    /** @description Coordinate system of the file: wgs84, gcj02 (Amap, Tencent) or bd09 (Baidu) */
                    crs?: "wgs84" | "gcj02" | "bd09";
                    draft?: number;
                    format?: "geojson" | "shapefile";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Grids as GeoJSON (application/geo+json) or a zipped Shapefile (application/zip) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/planner/export/institutions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    /** @description Coordinate system of the file: wgs84, gcj02 (Amap, Tencent) or bd09 (Baidu) */
                    crs?: "wgs84" | "gcj02" | "bd09";
                    format?: "geojson" | "csv" | "xlsx" | "shapefile";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Institutions as GeoJSON, CSV (UTF-8 with BOM) or XLSX with the importer’s column names, or a zipped Shapefile (English field names) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/planner/export/villages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    /** @description Coordinate system of the file: wgs84, gcj02 (Amap, Tencent) or bd09 (Baidu) */
                    crs?: "wgs84" | "gcj02" | "bd09";
                    format?: "geojson" | "shapefile";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Villages as GeoJSON (application/geo+json) or a zipped Shapefile (application/zip) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/planner/import/grids": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: {
                    apply?: "true" | "false";
                    /** @description Coordinate system of the file: wgs84, gcj02 (Amap, Tencent) or bd09 (Baidu) */
                    crs?: "wgs84" | "gcj02" | "bd09";
                    name?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The file: GeoJSON or a zipped Shapefile for grids; CSV or XLSX for institutions */
            requestBody: {
                content: {
                    "application/octet-stream": string;
                };
            };
            responses: {
                /** @description What the import would do (or did): grids new/changed/unchanged, retired, rejected features with reasons */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GridImportReport"];
                    };
                };
                /** @description The file cannot be read (what is wrong, and where) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Upload too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/planner/import/institutions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: {
                    apply?: "true" | "false";
                    /** @description Coordinate system of the file: wgs84, gcj02 (Amap, Tencent) or bd09 (Baidu) */
                    crs?: "wgs84" | "gcj02" | "bd09";
                    name?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The file: GeoJSON or a zipped Shapefile for grids; CSV or XLSX for institutions */
            requestBody: {
                content: {
                    "application/octet-stream": string;
                };
            };
            responses: {
                /** @description What the import would do (or did): new, changed and unchanged rows, rejected rows with reasons */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InstitutionImportReport"];
                    };
                };
                /** @description The file cannot be read (what is wrong, and where) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Upload too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/planner/import/villages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: {
                    apply?: "true" | "false";
                    /** @description Coordinate system of the file: wgs84, gcj02 (Amap, Tencent) or bd09 (Baidu) */
                    crs?: "wgs84" | "gcj02" | "bd09";
                    name?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The file: GeoJSON or a zipped Shapefile for grids; CSV or XLSX for institutions */
            requestBody: {
                content: {
                    "application/octet-stream": string;
                };
            };
            responses: {
                /** @description What the import would do (or did): villages matched, villages without a polygon, rejected features with reasons */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["VillageImportReport"];
                    };
                };
                /** @description The file cannot be read (what is wrong, and where) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Upload too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/planner/villages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Villages (GeoJSON), adjacency, institutions, zones, grid staff */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/public/clues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PublicClue"];
                };
            };
            responses: {
                /** @description In the clue ledger; the reference number to quote */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            reference: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/public/contacts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Who answers for the institution, as its poster says (no sign-in) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Poster"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/public/credit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    /** @description Only this county (six-digit code); default all */
                    county?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Published grades of active institutions and the blacklist entries in force (公示) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entries: components["schemas"]["BlacklistEntry"][];
                            grades: {
                                evaluatedOn: string;
                                /** @enum {string} */
                                grade: "A" | "B" | "C" | "D";
                                id: number;
                                /** @description The name’s pinyin initials, to search by */
                                initials: string;
                                name: string;
                                /** @description The name’s pinyin spelled out, to search by */
                                spelled: string;
                                /** @description The 乡镇/街道 (grid) it lies in */
                                township: string | null;
                                type: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/monthly": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query: {
                    grid?: number;
                    month: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One report per grid in the caller’s scope (or the one grid asked for) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MonthlyReport"][];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["MonthlyReportDraft"];
                };
            };
            responses: {
                /** @description Saved (created on first save) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MonthlyReport"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/monthly/{id}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["MonthlyReportReview"];
                };
            };
            responses: {
                /** @description Returned to the level-2 member, or accepted and frozen */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MonthlyReport"];
                    };
                };
                /** @description Not submitted */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/monthly/{id}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        narrative?: string;
                    };
                };
            };
            responses: {
                /** @description Submitted with the figures as they stand */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MonthlyReport"];
                    };
                };
                /** @description Not in a state to submit, or the month is not over */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/monthly/xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query: {
                    grid: number;
                    month: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The report as .xlsx */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/risk-reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    /** @description true: only reports with a timed-out hop not yet acknowledged by the bureau */
                    alarm?: "true" | "false";
                    limit?: number;
                    status?: "escalating" | "acknowledged" | "closed";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Climbing first, newest first; within the caller’s chain */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            reports: components["schemas"]["RiskReport"][];
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: {
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RaiseRiskReport"];
                };
            };
            responses: {
                /** @description Raised and sent to the next level of the chain */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RiskReport"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/risk-reports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The report and every hop of its climb */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RiskReport"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/risk-reports/{id}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: {
                    "idempotency-key"?: string;
                };
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Acknowledged; sent on to the next level, or ended at the bureau */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RiskReport"];
                    };
                };
                /** @description Nothing waits for this person: acknowledged already, or waiting above their level */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/risk-reports/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: {
                    "idempotency-key"?: string;
                };
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CloseRiskReport"];
                };
            };
            responses: {
                /** @description Closed with its handling */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RiskReport"];
                    };
                };
                /** @description Not yet acknowledged by the bureau, or closed already */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rotations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query: {
                    from: string;
                    months?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The plan as far as you may see it */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RotationPlan"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rotations/{teamId}/{month}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    month: string;
                    teamId: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date */
                        checkDate?: string | null;
                        zoneId: number;
                    };
                };
            };
            responses: {
                /** @description Changed; the plan with whatever rules the change breaks */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RotationPlan"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rotations/{teamId}/{month}/institutions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    month: string;
                    teamId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The team’s institutions for the month */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            gridId: number | null;
                            id: number;
                            name: string;
                            position: [
                                number,
                                number
                            ];
                            type: string;
                        }[];
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    month: string;
                    teamId: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        institutionIds: number[];
                    };
                };
            };
            responses: {
                /** @description Assigned */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            gridId: number | null;
                            id: number;
                            name: string;
                            position: [
                                number,
                                number
                            ];
                            type: string;
                        }[];
                    };
                };
                /** @description Some institutions belong to another team this round; nothing was changed */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rotations/{teamId}/{month}/route": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    month: string;
                    teamId: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Stops on each day in order, when days end by working hours rather than a fixed count */
                        dayLengths?: number[];
                        order: number[];
                        stopsPerDay: number;
                    };
                };
            };
            responses: {
                /** @description Saved; team members see it in the field view */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rotations/{teamId}/{month}/route-sheet": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    day?: number;
                };
                header?: never;
                path: {
                    month: string;
                    teamId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One day of the team’s saved route, as printed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RouteSheet"];
                    };
                };
                /** @description No such plan, no saved route, or no such day */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rotations/generate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        from: string;
                        months: number;
                    };
                };
            };
            responses: {
                /** @description The new plan; entries in progress or done, and entries with a round already set, are kept */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RotationPlan"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rotations/split": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        month: string;
                        teams: {
                            institutionIds: number[];
                            teamId: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Every team named now holds exactly the institutions given */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An institution given twice, or held by a team not named; nothing was changed */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rotations/split/suggest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        month: string;
                    };
                };
            };
            responses: {
                /** @description A suggested split; nothing is saved */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            largestHoursAfter: number;
                            largestHoursBefore: number;
                            month: string;
                            moves: {
                                fromTeamId: number;
                                gridId: number;
                                gridName: string;
                                institutions: number;
                                /** @enum {string} */
                                reason: "conflict" | "balance";
                                toTeamId: number;
                            }[];
                            teams: {
                                hoursAfter: number;
                                hoursBefore: number;
                                institutionIds: number[];
                                institutionsBefore: number;
                                teamId: number;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rotations/workload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query: {
                    month: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Workload per team for the month */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assumptions: {
                                roadFactor: number;
                                serviceMinutesPerStop: number;
                                travelSpeedKilometersPerHour: number;
                            };
                            teams: {
                                estimatedHours: number;
                                institutions: number;
                                routeKilometers: number;
                                teamId: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/routes/optimize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RouteOptimizeRequest"];
                };
            };
            responses: {
                /** @description Stop ids in visiting order and the route length */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RouteOptimizeResult"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings/field": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description In force, and what the county changed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            overrides: components["schemas"]["FieldSettingsOverrides"];
                            settings: components["schemas"]["FieldSettings"];
                        };
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["FieldSettingsOverrides"];
                };
            };
            responses: {
                /** @description Saved; the map follows */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            overrides: components["schemas"]["FieldSettingsOverrides"];
                            settings: components["schemas"]["FieldSettings"];
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/staff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    areaId?: number;
                    level?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Grid staff in the caller’s scope with their current assignments (包联) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Staff"][];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["StaffInput"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/staff/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The grid or zone the member belongs to; null for the bureau */
                        areaId?: number | null;
                        level?: 1 | 2 | 3;
                        name?: string;
                        organisation?: string;
                        phone?: string | null;
                        title?: string | null;
                    };
                };
            };
            responses: {
                /** @description Saved */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        trace?: never;
    };
    "/api/staff/{id}/assignments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AssignInput"];
                };
            };
            responses: {
                /** @description Assigned */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Assignments this one replaced (an institution’s previous level-3 member) */
                            ended: number[];
                            id: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The supervision teams (督导组) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            homeZoneId: number | null;
                            homeZoneName: string | null;
                            id: number;
                            leaderStaffId: number | null;
                            members: {
                                level: number;
                                name: string;
                                organisation: string;
                                staffId: number;
                            }[];
                            memberZoneIds: number[];
                            name: string;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TeamInput"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/teams/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TeamInput"];
                };
            };
            responses: {
                /** @description Saved */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The county’s accounts, enabled first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Account"][];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewAccount"];
                };
            };
            responses: {
                /** @description Created disabled, awaiting the security administrator’s grant; the temporary password is shown this once */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            temporaryPassword: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AccountChange"];
                };
            };
            responses: {
                /** @description Saved; a disabled account, or one whose role or scope changed, is signed out everywhere */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The system administrator changes the name and disables; the security administrator grants (role, scope, staff, clue handling, enabling) and disables */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        trace?: never;
    };
    "/api/users/{id}/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Reset; the new temporary password is shown this once */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            temporaryPassword: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}/second-factor/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The account’s second factor and recovery codes are gone (a lost phone); every session of the account ends; it sets a new one up at its next login */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/wall/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The wall's figures for the caller's scope (domain/wall-summary.ts) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
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
        Account: {
            /** @description Opened by the system administrator and not yet granted (enabled) by the security administrator: it cannot sign in */
            awaitingGrant: boolean;
            clueHandler: boolean;
            createdAt: string;
            disabled: boolean;
            displayName: string;
            id: number;
            lastLoginAt: string | null;
            /** @enum {string} */
            role: "leader" | "planner" | "supervisor" | "grid_member_1" | "grid_member_2" | "grid_member_3" | "admin" | "security" | "auditor";
            scopeAreaId: number | null;
            scopeAreaName: string | null;
            /** @enum {string} */
            scopeKind: "district" | "zone" | "grid" | "own_institutions";
            /** @description A second factor (authenticator app) is on */
            secondFactor: boolean;
            staffId: number | null;
            staffName: string | null;
            username: string;
        };
        AccountChange: {
            clueHandler?: boolean;
            /** @description A disabled account is refused at its next request */
            disabled?: boolean;
            displayName?: string;
            /** @enum {string} */
            role?: "leader" | "planner" | "supervisor" | "grid_member_1" | "grid_member_2" | "grid_member_3" | "admin" | "security" | "auditor";
            scopeAreaId?: number | null;
            staffId?: number | null;
        };
        AreaCollection: {
            features: {
                geometry: components["schemas"]["Geometry"];
                id: number;
                properties: {
                    boundaryVersionId: number;
                    code: string | null;
                    countyCode: string;
                    id: number;
                    /** @description Demo boundaries derived from township seats, not official ones */
                    isDemo: boolean;
                    /** @enum {string} */
                    level: "district" | "zone" | "grid" | "village";
                    name: string;
                    parentId: number | null;
                    parentName: string | null;
                    seat: [
                        number,
                        number
                    ] | null;
                    seatEstimated: boolean;
                };
                /** @enum {string} */
                type: "Feature";
            }[];
            /** @enum {string} */
            type: "FeatureCollection";
        };
        Assessment: {
            from: string;
            grids: {
                breakdown: {
                    /** @enum {string} */
                    indicator: "coverage" | "verifiedShare" | "onTimeClosure" | "riskResponse" | "clueHandling" | "crossCheck";
                    points: number;
                    value: number | null;
                    weight: number;
                }[];
                figures: {
                    [key: string]: number | null;
                };
                gridId: number;
                gridName: string;
                rank: number;
                score: number;
                zoneName: string | null;
            }[];
            staff: {
                areaName: string | null;
                breakdown: {
                    /** @enum {string} */
                    indicator: "coverage" | "verifiedShare" | "onTimeClosure" | "riskResponse" | "clueHandling" | "crossCheck";
                    points: number;
                    value: number | null;
                    weight: number;
                }[];
                figures: {
                    [key: string]: number | null;
                };
                level: number;
                name: string;
                rank: number;
                score: number;
                staffId: number;
            }[];
            to: string;
            weights: {
                clueHandling: number;
                coverage: number;
                crossCheck: number;
                onTimeClosure: number;
                riskResponse: number;
                verifiedShare: number;
            };
            year: number;
        };
        AssignClue: {
            staffId?: number;
            teamId?: number;
        };
        AssignInput: {
            institutionId: number;
        } | {
            gridId: number;
        } | {
            zoneId: number;
        };
        Assignment: {
            gridId: number | null;
            gridName: string | null;
            id: number;
            institutionId: number | null;
            institutionName: string | null;
            since: string;
            /** @enum {string} */
            target: "institution" | "grid" | "zone";
            zoneId: number | null;
            zoneName: string | null;
        };
        AuditChain: {
            firstBroken: {
                chainSeq: number | null;
                id: number;
                reason: string;
            } | null;
            head: {
                chainSeq: number;
                hash: string;
            } | null;
            rows: number;
            /** @description When the whole chain was last read from its first row; since then only the rows written after the last intact link */
            wholeCheckedAt: string;
        };
        AuditChoices: {
            actions: string[];
            entities: string[];
        };
        AuditEntry: {
            action: string;
            after?: unknown;
            at: string;
            before?: unknown;
            entity: string;
            entityId: string | null;
            id: number;
            requestId: string | null;
            /** @description Who acted; for logins and failed logins, the account name given */
            username: string | null;
        };
        AuditPage: {
            entries: components["schemas"]["AuditEntry"][];
            next: number | null;
        };
        BaseMap: {
            /**
             * @description A MapLibre style drawn under our layers (GRIDWATCH_BASE_MAP_STYLE_URL); null: the offline map, our layers only
             * @example null
             */
            styleUrl: string | null;
        };
        BlacklistEntry: {
            basis: string;
            createdAt: string;
            createdBy: string | null;
            endsOn: string | null;
            id: number;
            inForce: boolean;
            institutionId: number;
            institutionName: string;
            liftedAt: string | null;
            liftedBy: string | null;
            liftReason: string | null;
            personName: string | null;
            reason: string;
            startsOn: string;
            /** @enum {string} */
            subject: "institution" | "physician" | "legal_representative";
        };
        BlacklistEntryInput: {
            /** @example 定医保处〔2026〕31号 */
            basis: string;
            /** @description Last day in force; absent or null: until lifted */
            endsOn?: string | null;
            institutionId: number;
            personName?: string | null;
            reason: string;
            startsOn: string;
            /** @enum {string} */
            subject: "institution" | "physician" | "legal_representative";
        };
        Campaign: {
            areaId: number | null;
            areaName: string | null;
            categories: string[];
            createdBy: string;
            endsOn: string;
            gridIds: number[];
            grids: {
                gridId: number;
                gridName: string;
                inspected: number;
                institutions: number;
                zoneName: string | null;
            }[];
            id: number;
            inspected: number;
            institutions: number;
            institutionsList: {
                gridId: number;
                id: number;
                inspectedAt: string | null;
                name: string;
                position: [
                    number,
                    number
                ];
                /** @enum {string} */
                type: "village_clinic" | "township_health_centre" | "hospital" | "private_clinic" | "pharmacy";
            }[];
            name: string;
            /** @enum {string} */
            phase: "upcoming" | "running" | "ended";
            problems: {
                category: string;
                deadlineAt: string;
                gridName: string | null;
                institutionId: number;
                institutionName: string;
                ledgerItemId: number;
                overdue: boolean;
                problem: string;
                status: string;
            }[];
            startsOn: string;
        };
        CampaignStart: {
            /** @description A zone or grid in force; null for the whole county */
            areaId: number | null;
            categories: string[];
            /** Format: date */
            endsOn: string;
            name: string;
            /** Format: date */
            startsOn: string;
        };
        CampaignSummary: {
            areaId: number | null;
            areaName: string | null;
            categories: string[];
            createdBy: string;
            endsOn: string;
            gridIds: number[];
            id: number;
            inspected: number;
            institutions: number;
            name: string;
            /** @enum {string} */
            phase: "upcoming" | "running" | "ended";
            startsOn: string;
        };
        Circular: {
            actions: ("edit" | "redraft" | "approve")[];
            body: string;
            content: {
                commended: {
                    cluesOverdue: number;
                    failures: {
                        /** @enum {string} */
                        indicator: "coverageShare" | "verifiedShare" | "onTimeClosureShare" | "crossCheckScore";
                        threshold: number;
                        value: number;
                    }[];
                    gridId: number;
                    gridName: string;
                    ledgerOverdue: number;
                    values: {
                        coverageShare: number | null;
                        crossCheckScore: number | null;
                        onTimeClosureShare: number | null;
                        verifiedShare: number | null;
                    };
                    zoneName: string | null;
                }[];
                criticised: {
                    cluesOverdue: number;
                    failures: {
                        /** @enum {string} */
                        indicator: "coverageShare" | "verifiedShare" | "onTimeClosureShare" | "crossCheckScore";
                        threshold: number;
                        value: number;
                    }[];
                    gridId: number;
                    gridName: string;
                    ledgerOverdue: number;
                    values: {
                        coverageShare: number | null;
                        crossCheckScore: number | null;
                        onTimeClosureShare: number | null;
                        verifiedShare: number | null;
                    };
                    zoneName: string | null;
                }[];
            };
            countyCode: string;
            draftedAt: string;
            draftedBy: string;
            id: number;
            month: string;
            publishedAt: string | null;
            publishedBy: string | null;
            /** @enum {string} */
            status: "draft" | "published";
            thresholds: {
                commendAtLeast: {
                    coverageShare: number;
                    crossCheckScore: number;
                    onTimeClosureShare: number;
                    verifiedShare: number;
                };
                failBelow: {
                    coverageShare: number;
                    crossCheckScore: number;
                    onTimeClosureShare: number;
                    verifiedShare: number;
                };
            };
            title: string;
        };
        CircularDraftRequest: {
            month: string;
        };
        CircularEdit: {
            body: string;
            title: string;
        };
        CloseRiskReport: {
            handling: string;
        };
        Clue: {
            /** @description What the caller may do now */
            actions: ("assign" | "link" | "conclude")[];
            /** @description No name was given; who sent it is never part of this record */
            anonymous: boolean;
            assignedAt: string | null;
            assignedStaff: {
                id: number;
                name: string;
            } | null;
            assignedTeam: {
                id: number;
                name: string;
            } | null;
            /** @enum {string} */
            channel: "hotline" | "letter" | "online" | "visit" | "referral";
            concludedAt: string | null;
            concludedBy: string | null;
            conclusion: string | null;
            daysLeft: number;
            /** @description The time limit (限时办结) */
            dueAt: string;
            /** @enum {string|null} */
            finding: "substantiated" | "partly-substantiated" | "unfounded" | null;
            gridId: number | null;
            id: number;
            institutionId: number | null;
            institutionName: string | null;
            links: {
                at: string;
                id: number;
                /** @enum {string} */
                kind: "inspection" | "ledger-item";
                label: string;
            }[];
            overdue: boolean;
            receivedAt: string;
            receivedBy: string | null;
            reply: string | null;
            /** @enum {string} */
            status: "received" | "investigating" | "concluded";
            summary: string;
        };
        Complainant: {
            address: string | null;
            anonymous: boolean;
            clueId: number;
            name: string | null;
            phone: string | null;
        };
        ConcludeClue: {
            conclusion: string;
            /** @enum {string} */
            finding: "substantiated" | "partly-substantiated" | "unfounded";
            /**
             * @description What the complainant was told (答复); required unless the clue is anonymous
             * @default
             */
            reply: string;
        };
        CreateDraw: {
            /** @default [] */
            gridIds: number[];
            inspectorCount: number;
            institutionCount: number;
            /** @example 2026年12月双随机抽查 */
            title: string;
            /**
             * @default uniform
             * @enum {string}
             */
            weighting: "uniform" | "risk";
            /** @default [] */
            zoneIds: number[];
        };
        CreateInspection: {
            /** @description The position’s accuracy as the phone reported it */
            accuracyMeters: number;
            /**
             * Format: date-time
             * @description When the inspector arrived (the phone’s clock)
             * @example 2026-11-20T09:30:00+08:00
             */
            arrivedAt: string;
            /** @description A full-coverage campaign this inspection is made for (拉网式检查); its checklist must cover the campaign’s categories */
            campaignId?: number;
            /** @default [] */
            checklist: {
                category: string;
                /** @enum {string} */
                result: "ok" | "problem" | "not-applicable";
            }[];
            /**
             * Format: date-time
             * @description When the inspector left; needed for a verified inspection
             * @default null
             */
            departedAt: string | null;
            /**
             * Format: date-time
             * @description The phone’s clock when the record was saved
             */
            deviceRecordedAt?: string;
            /**
             * @description Each finding opens a ledger item in the same transaction
             * @default []
             */
            findings: {
                category: string;
                measure?: string;
                /** @description The finding’s own photos, also listed in photoIds: its ledger item’s 整改前 picture */
                photoIds?: number[];
                problem: string;
                responsiblePerson?: string;
                /** @enum {string} */
                severity: "minor" | "general" | "serious";
            }[];
            institutionId: number;
            /** @enum {string} */
            kind: "weekly-visit" | "special" | "cross-check" | "record-review" | "joint" | "third-party" | "flying" | "follow-up";
            /** @default  */
            note: string;
            /**
             * @description Photos uploaded first through POST /api/photos
             * @default []
             */
            photoIds: number[];
            /** @description [longitude, latitude] in WGS84 where the phone was */
            position: [
                number,
                number
            ];
            /** @default [] */
            signatures: {
                /** @description SHA-256 of the record’s canonical content (inspection-content.ts) the signer saw */
                contentHash: string;
                /** @description The drawn signature as a PNG data URL */
                image: string;
                /** @enum {string} */
                role: "inspector" | "representative";
                /** Format: date-time */
                signedAt: string;
                signerName: string;
            }[];
            /**
             * @description A cross-check’s check of the grid staff’s work at this institution (poster, ledger, weekly visits, closures)
             * @default []
             */
            staffWork: {
                /** @enum {string} */
                item: "poster" | "ledger-current" | "visits-verified" | "closure-proper";
                /** @enum {string} */
                result: "ok" | "problem" | "not-applicable";
            }[];
        };
        CreditEvaluationInput: {
            /** @example 定医保稽〔2026〕27号检查记录 */
            evidence: string;
            /** @example 飞行检查发现串换药品，扣 12 分 */
            reason: string;
            score: number;
        };
        CrossCheckResults: {
            grids: components["schemas"]["GridCrossCheckResult"][];
            month: string;
        };
        DemoAccount: {
            displayName: string;
            password: string;
            /** @enum {string} */
            role: "leader" | "planner" | "supervisor" | "grid_member_1" | "grid_member_2" | "grid_member_3" | "admin" | "security" | "auditor";
            scope: string;
            username: string;
        };
        Dispatch: {
            grids: {
                gridId: number;
                institutions: number;
                name: string;
                openClues: number;
                overdueInspections: number;
                overdueLedgerItems: number;
                unacknowledgedRisks: number;
                zoneName: string | null;
            }[];
            openClues: {
                assignedTo: string | null;
                dueAt: string;
                id: number;
                institutionId: number | null;
                institutionName: string | null;
                overdue: boolean;
                summary: string;
            }[];
            overdueInspections: {
                daysSinceVisit: number | null;
                gridName: string | null;
                institutionId: number;
                intervalDays: number;
                name: string;
            }[];
            overdueLedgerItems: {
                daysOverdue: number;
                deadlineAt: string;
                id: number;
                institutionId: number;
                institutionName: string;
                problem: string;
            }[];
            people: {
                gridName: string | null;
                level: number;
                name: string;
                openClues: number;
                overdueInspections: number;
                overdueLedgerItems: number;
                staffId: number;
                unacknowledgedRisks: number;
            }[];
            unacknowledgedRisks: {
                id: number;
                institutionId: number;
                institutionName: string;
                level: number;
                sentAt: string;
                staffName: string | null;
                title: string;
            }[];
            week: {
                lastWeek: {
                    cluesReceived: number;
                    inspections: number;
                    ledgerClosed: number;
                    ledgerOpened: number;
                    riskReports: number;
                    verifiedInspections: number;
                };
                thisWeek: {
                    cluesReceived: number;
                    inspections: number;
                    ledgerClosed: number;
                    ledgerOpened: number;
                    riskReports: number;
                    verifiedInspections: number;
                };
            };
            weekStart: string;
        };
        DisplayToken: {
            createdAt: string;
            createdBy: string | null;
            id: number;
            name: string;
            revokedAt: string | null;
        };
        Draw: {
            /** @description The zones and grids drawn from */
            areaNames: string[];
            candidates: {
                inspectors: number;
                institutions: number;
            } | null;
            /** @description SHA-256 of the seed, fixed before the draw */
            commitment: string;
            createdAt: string;
            createdBy: string | null;
            drawnAt: string | null;
            id: number;
            inputs?: unknown;
            /** @description SHA-256 of the frozen inputs in canonical form (canonicalDrawInputs), public from commitment */
            inputsDigest: string;
            publishedAt: string | null;
            request?: unknown;
            result: {
                excludedStaffIds: number[];
                inspectors: {
                    name: string;
                    staffId: number;
                }[];
                institutions: {
                    id: number;
                    name: string;
                }[];
            } | null;
            /** @description Revealed once drawn */
            seed: string | null;
            /** @enum {string} */
            status: "committed" | "drawn" | "published";
            /** @description Null to the public until published */
            title: string | null;
        };
        FieldSettings: {
            /** @description The annual assessment’s weights by year, each adding up to 100 */
            assessmentWeights: {
                [key: string]: {
                    clueHandling: number;
                    coverage: number;
                    crossCheck: number;
                    onTimeClosure: number;
                    riskResponse: number;
                    verifiedShare: number;
                };
            };
            /** @description A circular (通报) names grids below `failBelow` on any indicator, and commends those at `commendAtLeast` on all (shares 0–1) */
            circularThresholds: {
                commendAtLeast: {
                    coverageShare: number;
                    crossCheckScore: number;
                    onTimeClosureShare: number;
                    verifiedShare: number;
                };
                failBelow: {
                    coverageShare: number;
                    crossCheckScore: number;
                    onTimeClosureShare: number;
                    verifiedShare: number;
                };
            };
            /** @description A complaint clue must be concluded within this many days of receipt (限时办结) */
            clueTimeLimitDays: number;
            futureSkewMinutes: number;
            geofenceMeters: number;
            implausibleAccuracyMeters: number;
            /** @description Days between inspections by institution type and credit grade */
            intervals: {
                hospital: {
                    A: number;
                    B: number;
                    C: number;
                    D: number;
                };
                pharmacy: {
                    A: number;
                    B: number;
                    C: number;
                    D: number;
                };
                private_clinic: {
                    A: number;
                    B: number;
                    C: number;
                    D: number;
                };
                township_health_centre: {
                    A: number;
                    B: number;
                    C: number;
                    D: number;
                };
                village_clinic: {
                    A: number;
                    B: number;
                    C: number;
                    D: number;
                };
            };
            maximumSpeedKmh: number;
            minimumStayMinutes: number;
            pastLimitHours: number;
            /** @description A grid’s monthly report is due on this day of the next month */
            reportDueDay: number;
            /** @description A risk report not acknowledged at one level within this climbs to the next on its own */
            riskHopLimitMinutes: number;
            /** @description The county’s time zone (IANA): its days, due dates and working hours run on it */
            timeZone: string;
            workingHours: {
                endHour: number;
                startHour: number;
                weekdays: number[];
            };
        };
        FieldSettingsOverrides: {
            /** @description The annual assessment’s weights by year, each adding up to 100 */
            assessmentWeights?: {
                [key: string]: {
                    clueHandling: number;
                    coverage: number;
                    crossCheck: number;
                    onTimeClosure: number;
                    riskResponse: number;
                    verifiedShare: number;
                };
            };
            /** @description A circular (通报) names grids below `failBelow` on any indicator, and commends those at `commendAtLeast` on all (shares 0–1) */
            circularThresholds?: {
                commendAtLeast: {
                    coverageShare: number;
                    crossCheckScore: number;
                    onTimeClosureShare: number;
                    verifiedShare: number;
                };
                failBelow: {
                    coverageShare: number;
                    crossCheckScore: number;
                    onTimeClosureShare: number;
                    verifiedShare: number;
                };
            };
            /** @description A complaint clue must be concluded within this many days of receipt (限时办结) */
            clueTimeLimitDays?: number;
            futureSkewMinutes?: number;
            geofenceMeters?: number;
            implausibleAccuracyMeters?: number;
            intervals?: {
                hospital?: {
                    A?: number;
                    B?: number;
                    C?: number;
                    D?: number;
                };
                pharmacy?: {
                    A?: number;
                    B?: number;
                    C?: number;
                    D?: number;
                };
                private_clinic?: {
                    A?: number;
                    B?: number;
                    C?: number;
                    D?: number;
                };
                township_health_centre?: {
                    A?: number;
                    B?: number;
                    C?: number;
                    D?: number;
                };
                village_clinic?: {
                    A?: number;
                    B?: number;
                    C?: number;
                    D?: number;
                };
            };
            maximumSpeedKmh?: number;
            minimumStayMinutes?: number;
            pastLimitHours?: number;
            /** @description A grid’s monthly report is due on this day of the next month */
            reportDueDay?: number;
            /** @description A risk report not acknowledged at one level within this climbs to the next on its own */
            riskHopLimitMinutes?: number;
            /** @description The county’s time zone (IANA): its days, due dates and working hours run on it */
            timeZone?: string;
            workingHours?: {
                endHour: number;
                startHour: number;
                weekdays: number[];
            };
        };
        /** @description RFC 7946 geometry, WGS84 longitude/latitude */
        Geometry: {
            coordinates?: unknown;
            type: string;
        };
        GisKey: {
            key: string;
        };
        Grid: {
            canExportRecords: boolean;
            id: number;
            /** @description Active institutions in the grid (within your scope) */
            institutions: number;
            /** @description 资料员: who keeps the grid’s records */
            materialsClerk: string | null;
            name: string;
            neverVisited: number;
            openItems: number;
            overdueItems: number;
            pastInterval: number;
            staff: components["schemas"]["StaffContact"][];
            visitedWithinInterval: number;
            zoneId: number | null;
            zoneName: string | null;
        };
        /** @description GeoJSON FeatureCollection of grid Polygons/MultiPolygons in WGS84; properties.name is used in messages */
        GridCollection: {
            features: unknown[];
            /** @enum {string} */
            type: "FeatureCollection";
        } & {
            [key: string]: unknown;
        };
        GridCrossCheckResult: {
            /** @description Institutions cross-checked this month */
            checked: number;
            crossChecks: {
                arrivedAt: string;
                inspectionId: number;
                inspectors: string[];
                institutionId: number;
                institutionName: string;
                ledgerItemIds: number[];
                problems: string[];
                staffWorkProblems: ("poster" | "ledger-current" | "visits-verified" | "closure-proper")[];
            }[];
            /** @description Ledger items the cross-checks opened */
            findings: number;
            gridId: number;
            gridName: string;
            /** @description Share of the institutions’ checklist entries in order */
            institutionShare: number | null;
            /** @description Institutions of the grid in the month’s rounds; null for callers who may not see plans ahead (四不两直) */
            planned: number | null;
            /** @description The mean of the two shares that were checked (cross-checks.ts) */
            score: number | null;
            staffWorkProblems: {
                "closure-proper": number;
                "ledger-current": number;
                poster: number;
                "visits-verified": number;
            };
            /** @description Share of the grid staff’s work entries in order */
            staffWorkShare: number | null;
            teams: string[];
            zoneName: string | null;
        };
        GridImportReport: {
            applied: boolean;
            crs: string;
            draftId: number | null;
            features: number;
            format: string;
            grids: {
                feature: number;
                fit: number;
                gridId: number | null;
                institutions: number;
                name: string;
                /** @enum {string} */
                status: "new" | "changed" | "unchanged";
                villages: number;
                villagesMoved: number;
                zone: string | null;
            }[];
            problems: ({
                at?: [
                    number,
                    number
                ];
                key: string;
                kind: string;
                message: string;
                params: {
                    [key: string]: unknown;
                };
                /** @enum {string} */
                severity: "error" | "warning";
            } & {
                [key: string]: unknown;
            })[];
            rejected: {
                feature: number;
                name: string;
                reasons: {
                    key: string;
                    message: string;
                    params: {
                        [key: string]: unknown;
                    };
                }[];
            }[];
            retired: {
                gridId: number;
                name: string;
                villages: number;
            }[];
            valid: boolean;
        };
        Health: {
            /** @enum {string} */
            db: "pglite" | "postgres";
            /**
             * @description Demo mode seeds the demo county and lists demo accounts
             * @enum {string}
             */
            mode: "demo" | "production";
            /** @example 3.6.2 */
            postgis: string;
            /** @enum {string} */
            status: "ok";
        };
        InboxEntry: {
            /** @description Null for a 舆情 about a place */
            institutionId: number | null;
            institutionName: string;
            /**
             * @description verify: a rectification to verify and close; returned: an item sent back to you; acknowledge: a 舆情 to 签收
             * @enum {string}
             */
            kind: "verify" | "returned" | "acknowledge";
            ledgerItemId: number | null;
            riskReportId: number | null;
            /** @description The item’s category and problem, or the 舆情’s title */
            title: string;
            urgent: boolean;
        };
        Inspection: {
            accuracyMeters: number;
            anomalies: {
                detail: string;
                /** @enum {string} */
                kind: "impossible-speed" | "repeated-position" | "outside-working-hours" | "implausible-accuracy";
            }[];
            arrivedAt: string;
            contentHash: string;
            departedAt: string | null;
            distanceMeters: number;
            gridId: number | null;
            id: number;
            institutionId: number;
            /** @enum {string} */
            kind: "weekly-visit" | "special" | "cross-check" | "record-review" | "joint" | "third-party" | "flying" | "follow-up";
            ledgerItemIds: number[];
            note: string;
            photoIds: number[];
            position: [
                number,
                number
            ];
            signatures: {
                /** @enum {string} */
                role: "inspector" | "representative";
                seal: string;
                signedAt: string;
                signerName: string;
            }[];
            verificationGaps: ("outside-geofence" | "inaccurate-position" | "short-stay" | "no-departure" | "no-sign-photo")[];
            verified: boolean;
        };
        Institution: {
            address: string | null;
            blacklisted: boolean;
            code: string;
            contactName: string | null;
            contactPhone: string | null;
            /** @enum {string|null} */
            creditGrade: "A" | "B" | "C" | "D" | null;
            creditHistory: {
                blacklisted: boolean;
                evaluatedAt: string;
                grade: string;
                reason: string | null;
                score: number;
            }[];
            creditScore: number | null;
            /** @description Whole days since the last inspection; null when never visited */
            daysSinceVisit: number | null;
            gridId: number | null;
            gridName: string | null;
            id: number;
            inspections: {
                anomalies: number;
                arrivedAt: string;
                id: number;
                inspectors: string[];
                kind: string;
                note: string;
                verified: boolean;
            }[];
            /** @description Days allowed between inspections for this institution (its type, credit grade and county) */
            intervalDays: number;
            isDemo: boolean;
            lastVisitAt: string | null;
            ledgerItems: {
                category: string;
                closedAt: string | null;
                deadlineAt: string;
                id: number;
                measure: string;
                openedAt: string;
                overdue: boolean;
                problem: string;
                responsiblePerson: string;
                severity: string;
                status: string;
            }[];
            name: string;
            openLedgerItems: number;
            /** @description Risk reports (舆情) not yet closed; empty for roles outside the risk reports’ chain */
            openRiskReports: {
                id: number;
                reportedAt: string;
                /** @enum {string} */
                severity: "low" | "medium" | "high";
                /** @enum {string} */
                status: "escalating" | "acknowledged";
                title: string;
            }[];
            overdueLedgerItems: number;
            staff: components["schemas"]["StaffContact"][];
            status: string;
            /** @enum {string} */
            type: "village_clinic" | "township_health_centre" | "hospital" | "private_clinic" | "pharmacy";
            zoneId: number | null;
        };
        InstitutionCollection: {
            features: {
                geometry: components["schemas"]["Geometry"];
                id: number;
                properties: {
                    blacklisted: boolean;
                    code: string;
                    /** @enum {string|null} */
                    creditGrade: "A" | "B" | "C" | "D" | null;
                    creditScore: number | null;
                    /** @description Whole days since the last inspection; null when never visited */
                    daysSinceVisit: number | null;
                    gridId: number | null;
                    gridName: string | null;
                    id: number;
                    /** @description Days allowed between inspections for this institution (its type, credit grade and county) */
                    intervalDays: number;
                    isDemo: boolean;
                    lastVisitAt: string | null;
                    name: string;
                    openLedgerItems: number;
                    overdueLedgerItems: number;
                    status: string;
                    /** @enum {string} */
                    type: "village_clinic" | "township_health_centre" | "hospital" | "private_clinic" | "pharmacy";
                    zoneId: number | null;
                };
                /** @enum {string} */
                type: "Feature";
            }[];
            /** @enum {string} */
            type: "FeatureCollection";
        };
        InstitutionImportReport: {
            applied: boolean;
            changed: {
                changes: {
                    key: string;
                    message: string;
                    params: {
                        [key: string]: unknown;
                    };
                }[];
                code: string;
                name: string;
                row: number;
            }[];
            created: {
                code: string;
                grid: string;
                name: string;
                row: number;
            }[];
            crs: string;
            format: string;
            ignoredColumns: string[];
            notInFile: number;
            rejected: {
                code: string;
                reasons: {
                    key: string;
                    message: string;
                    params: {
                        [key: string]: unknown;
                    };
                }[];
                row: number;
            }[];
            rows: number;
            unchanged: number;
            valid: boolean;
        };
        /** @description Columns, one entry per institution ordered by id. id, lon, lat (×1e5) and grid are delta-coded; type v/t/h/p/d; status a/s/c; credit A–D or - (lower case or _ when blacklisted); visit = baseMinute − minute of the last inspection (−1 never); deadline = first open deadline − baseMinute; risk = baseMinute − minute of the oldest unacknowledged risk report (−1 none). */
        InstitutionLayer: {
            baseMinute: number;
            count: number;
            credit: string;
            deadline: number[];
            /** @enum {string} */
            format: "gridwatch-institutions/1";
            grid: number[];
            id: number[];
            issues: number[];
            lat: number[];
            lon: number[];
            risk: number[];
            status: string;
            type: string;
            version: string;
            visit: number[];
        };
        InstitutionSearchHit: {
            gridId: number | null;
            gridName: string | null;
            id: number;
            name: string;
            position: [
                number,
                number
            ];
            /** @enum {string} */
            type: "village_clinic" | "township_health_centre" | "hospital" | "private_clinic" | "pharmacy";
        };
        InstitutionsWithin: {
            gridIds?: number[];
            /** @description A GeoJSON Polygon in WGS84, e.g. drawn on the map */
            polygon?: {
                coordinates: [
                    number,
                    number
                ][][];
                /** @enum {string} */
                type: "Polygon";
            };
            zoneIds?: number[];
        };
        LedgerItem: {
            category: string;
            closedAt: string | null;
            deadlineAt: string;
            gridId: number | null;
            id: number;
            inspectionId: number | null;
            institutionId: number;
            institutionName: string;
            measure: string;
            /** @description The moves the caller may make now (state, role, scope and the verifier rule) */
            moves: ("rectifying" | "awaiting-verification" | "closed" | "reopened")[];
            openedAt: string;
            overdue: boolean;
            problem: string;
            raisedBy: string | null;
            rectifiedBy: string | null;
            responsiblePerson: string;
            /** @enum {string} */
            severity: "minor" | "general" | "serious";
            source: string;
            /** @enum {string} */
            status: "open" | "rectifying" | "awaiting-verification" | "closed";
            verifiedBy: string | null;
            /** @description Who may verify and close it: the grid’s and zone’s level-1 and level-2 members, less whoever reported the rectification */
            verifiers: {
                name: string;
                /** @enum {string} */
                role: "grid_member_1" | "grid_member_2";
            }[];
        };
        LedgerStep: {
            /** @enum {string|null} */
            fromStatus: "open" | "rectifying" | "awaiting-verification" | "closed" | null;
            id: number;
            madeAt: string;
            madeBy: string;
            note: string;
            photoIds: number[];
            /** @enum {string} */
            step: "opened" | "rectifying" | "awaiting-verification" | "closed" | "reopened";
        };
        LedgerTransition: {
            /** @description The rectification measure, when it changes */
            measure?: string;
            /**
             * @description What was done or found; required to close (how the rectification was verified)
             * @default
             */
            note: string;
            /**
             * @description Evidence photos uploaded first through POST /api/photos
             * @default []
             */
            photoIds: number[];
            /** @enum {string} */
            target: "rectifying" | "awaiting-verification" | "closed" | "reopened";
        };
        LinkClueRecord: {
            inspectionId?: number;
            ledgerItemId?: number;
        };
        ListedInspection: {
            anomalies: {
                detail: string;
                /** @enum {string} */
                kind: "impossible-speed" | "repeated-position" | "outside-working-hours" | "implausible-accuracy";
            }[];
            arrivedAt: string;
            departedAt: string | null;
            distanceMeters: number | null;
            gridId: number | null;
            id: number;
            institutionId: number;
            institutionName: string;
            /** @enum {string} */
            kind: "weekly-visit" | "special" | "cross-check" | "record-review" | "joint" | "third-party" | "flying" | "follow-up";
            note: string;
            recordedBy: string | null;
            verificationGaps: ("outside-geofence" | "inaccurate-position" | "short-stay" | "no-departure" | "no-sign-photo")[];
            verified: boolean;
        };
        MaterialsClerk: {
            staffId: number | null;
        };
        MonthlyFigures: {
            cluesConcluded: number;
            cluesOverdue: number;
            cluesReceived: number;
            coverageShare: number | null;
            coveredWithinInterval: number;
            crossChecks: number;
            crossCheckScore: number | null;
            inspections: number;
            institutions: number;
            ledgerClosed: number;
            ledgerClosedOnTime: number;
            ledgerOpened: number;
            ledgerOverdue: number;
            riskMedianAcknowledgeMinutes: number | null;
            riskReports: number;
            riskTimedOutHops: number;
            verifiedInspections: number;
            verifiedShare: number | null;
        };
        MonthlyReport: {
            actions: ("save" | "submit" | "return" | "accept")[];
            deadline: string;
            figures: components["schemas"]["MonthlyFigures"];
            /** @description Accepted: the figures are those it was accepted with, not recomputed */
            frozen: boolean;
            gridId: number;
            gridName: string;
            /** @description null until the report is first saved */
            id: number | null;
            late: boolean;
            month: string;
            narrative: string;
            reviewedAt: string | null;
            reviewedBy: string | null;
            reviewNote: string | null;
            /** @enum {string} */
            status: "draft" | "submitted" | "returned" | "accepted";
            steps: {
                action: string;
                at: string;
                by: string;
                note?: string;
            }[];
            submittedAt: string | null;
            submittedBy: string | null;
            zoneName: string | null;
        };
        MonthlyReportDraft: {
            gridId: number;
            /** @example 2026-11 */
            month: string;
            narrative: string;
        };
        MonthlyReportReview: {
            /** @enum {string} */
            decision: "accept" | "return";
            note?: string;
        };
        NewAccount: {
            /** @default false */
            clueHandler: boolean;
            displayName: string;
            /** @enum {string} */
            role: "leader" | "planner" | "supervisor" | "grid_member_1" | "grid_member_2" | "grid_member_3" | "admin" | "security" | "auditor";
            /**
             * @description The zone of a grid_member_1, the grid of a grid_member_2; null otherwise
             * @default null
             */
            scopeAreaId: number | null;
            /**
             * @description The staff record of a grid member (required for grid_member_3)
             * @default null
             */
            staffId: number | null;
            username: string;
        };
        PasswordChange: {
            currentPassword: string;
            newPassword: string;
        };
        Photo: {
            height: number;
            id: number;
            institutionId: number;
            /** @enum {string} */
            kind: "sign" | "scene" | "evidence";
            sourceSha256: string;
            takenAt: string | null;
            width: number;
        };
        PhotoUpload: {
            accuracyMeters?: number | null;
            /**
             * Format: binary
             * @description JPEG, PNG, WebP or HEIF, at most 12 MB
             */
            file?: string;
            institutionId: number;
            /**
             * @description sign: the institution’s contact poster or sign (proves presence); scene; evidence of a rectification
             * @enum {string}
             */
            kind: "sign" | "scene" | "evidence";
            latitude?: number | null;
            longitude?: number | null;
            /** Format: date-time */
            takenAt?: string;
        };
        Poster: {
            gridName: string | null;
            hotline: string;
            institutionId: number;
            institutionName: string;
            institutionType: string;
            level1: {
                name: string;
                phone: string | null;
            }[];
            level2: {
                name: string;
                phone: string | null;
            }[];
            level3: {
                name: string;
                phone: string | null;
            }[];
            zoneName: string | null;
        };
        PublicClue: {
            institutionId: number;
            /** @description Leave out to stay anonymous */
            name?: string;
            phone?: string;
            summary: string;
        };
        RaiseLedgerItem: {
            category: string;
            institutionId: number;
            measure?: string;
            /**
             * @description Evidence photos uploaded first through POST /api/photos
             * @default []
             */
            photoIds: number[];
            problem: string;
            responsiblePerson?: string;
            /**
             * @description The deadline follows: serious 7 days, general 15, minor 30
             * @enum {string}
             */
            severity: "minor" | "general" | "serious";
        };
        RaiseRiskReport: {
            description: string;
            /** @description The institution concerned; leave out for a place (then give place and position) */
            institutionId?: number;
            /** @default [] */
            photoIds: number[];
            /** @description A place in the member’s grid (a village, a video online), when no institution is concerned */
            place?: string;
            /** @description [longitude, latitude] where the member stands: it decides the grid of a place */
            position?: [
                number,
                number
            ];
            /** @enum {string} */
            severity: "low" | "medium" | "high";
            /**
             * @default other
             * @enum {string}
             */
            source: "short-video" | "social-media" | "news" | "hotline" | "on-site" | "other";
            title: string;
        };
        RecoveryCodes: {
            recoveryCodes: string[];
        };
        RiskHop: {
            acknowledgedAt: string | null;
            acknowledgedBy: string | null;
            /** @description When the waiting hop times out and the report climbs on */
            dueAt: string | null;
            /** @description 2: the grid’s level-2 member, 1: the zone’s level-1 member, 0: the bureau */
            level: 2 | 1 | 0;
            sentAt: string;
            timedOutAt: string | null;
            toStaffName: string | null;
        };
        RiskReport: {
            /** @description What the caller may do now */
            actions: ("acknowledge" | "close")[];
            /** @description A hop timed out and the bureau has not acknowledged yet */
            alarm: boolean;
            closedAt: string | null;
            closedBy: string | null;
            description: string;
            gridId: number | null;
            handling: string;
            hops: components["schemas"]["RiskHop"][];
            id: number;
            /** @description Null for a report about a place in the grid */
            institutionId: number | null;
            /** @description The institution’s name, or the place’s words */
            institutionName: string;
            photoIds: number[];
            place: string | null;
            reportedAt: string;
            reportedBy: string;
            /** @enum {string} */
            severity: "low" | "medium" | "high";
            /** @enum {string} */
            source: "short-video" | "social-media" | "news" | "hotline" | "on-site" | "other";
            /** @enum {string} */
            status: "escalating" | "acknowledged" | "closed";
            title: string;
            /** @description 2: the grid’s level-2 member, 1: the zone’s level-1 member, 0: the bureau */
            waitingAt: 2 | 1 | 0 | null;
        };
        RotationPlan: {
            entries: {
                checkDate: string | null;
                month: string;
                status: string;
                teamId: number;
                zoneId: number;
            }[];
            /** @description Entries left out because they are not yet announced to you */
            hiddenEntries: number;
            /** @description After generating: planned entries kept because a round (institutions or a route) was already set for them */
            keptWithRound?: number;
            months: string[];
            teams: {
                homeZoneId: number | null;
                id: number;
                memberZoneIds: number[];
                name: string;
            }[];
            violations: {
                month: string;
                rule: string;
                teamId: number;
                zoneId: number;
            }[];
            zones: {
                id: number;
                name: string;
            }[];
        };
        RouteOptimizeRequest: {
            /** @default true */
            returnToStart: boolean;
            /**
             * @description [longitude, latitude] in WGS84
             * @example [
             *       115.573,
             *       35.072
             *     ]
             */
            start: [
                number,
                number
            ];
            stops: {
                id: string | number;
                lat: number;
                lon: number;
            }[];
        };
        RouteOptimizeResult: {
            /** @enum {string} */
            distanceKind: "straight-line";
            distanceMeters: number;
            nearestNeighbourMeters: number;
            order: string[];
        };
        RouteSheet: {
            assumptions: {
                roadFactor: number;
                serviceMinutesPerStop: number;
                travelSpeedKilometersPerHour: number;
            };
            day: number;
            /** @description How many days the round takes */
            days: number;
            /** @description Straight line, start to start; the times assume the road factor */
            distanceMeters: number;
            /** @description The number of the day’s first stop (the map numbers the month’s stops 1…n) */
            firstNumber: number;
            members: {
                leader: boolean;
                level: number;
                name: string;
                phone: string | null;
            }[];
            month: string;
            start: {
                backMinute: number;
                leaveMinute: number;
                name: string;
                position: [
                    number,
                    number
                ];
            };
            stops: {
                address: string | null;
                arriveMinute: number;
                contactName: string | null;
                contactPhone: string | null;
                gridName: string | null;
                id: number;
                leaveMinute: number;
                name: string;
                number: number;
                position: [
                    number,
                    number
                ];
                type: string;
            }[];
            teamName: string;
            zoneName: string | null;
        };
        SecondFactorConfirmation: {
            code: string;
        };
        SecondFactorEnrolment: {
            secret: string;
            uri: string;
        };
        SecondFactorRemoval: {
            password: string;
        };
        SecondFactorStatus: {
            /** @description A GIS key exists for OGC Basic credentials */
            gisKey: boolean;
            on: boolean;
            recoveryCodesLeft: number;
            /** @description The role must sign in with a second factor here */
            required: boolean;
            since: string | null;
        };
        Staff: {
            areaId: number | null;
            areaName: string | null;
            assignments: components["schemas"]["Assignment"][];
            id: number;
            level: number;
            name: string;
            organisation: string;
            /** @description Masked unless the caller may read phone numbers */
            phone: string | null;
            title: string | null;
            /** @description The account the member signs in with, if any */
            username: string | null;
        };
        StaffContact: {
            id: number;
            level: number;
            name: string;
            organisation: string;
            phone: string | null;
            phoneMasked: boolean;
            title: string | null;
            /** @enum {string} */
            via: "institution" | "grid";
        };
        StaffInput: {
            /** @description The grid or zone the member belongs to; null for the bureau */
            areaId?: number | null;
            level: 1 | 2 | 3;
            name: string;
            organisation: string;
            phone?: string | null;
            title?: string | null;
        };
        TakeClue: {
            /** @enum {string} */
            channel: "hotline" | "letter" | "online" | "visit" | "referral";
            /** @description Kept apart; readable only by a designated clue handler. Leave out for an anonymous clue */
            complainant?: {
                address?: string;
                name?: string;
                phone?: string;
            };
            institutionId?: number;
            /**
             * Format: date-time
             * @description When it came in; now if left out
             */
            receivedAt?: string;
            summary: string;
        };
        TeamInput: {
            homeZoneId: number;
            leaderStaffId: number;
            memberStaffIds: number[];
            name: string;
        };
        User: {
            /** @description Designated to handle complaint clues: may read who a complainant is */
            clueHandler: boolean;
            displayName: string;
            id: number;
            /** @description The password is a temporary one an administrator set: nothing but changing it (POST /api/auth/password) works until then */
            passwordChangeNeeded: boolean;
            /** @enum {string} */
            role: "leader" | "planner" | "supervisor" | "grid_member_1" | "grid_member_2" | "grid_member_3" | "admin" | "security" | "auditor";
            scopeAreaId: number | null;
            /** @enum {string} */
            scopeKind: "district" | "zone" | "grid" | "own_institutions";
            /** @description The role must sign in with a second factor and the account has none yet: nothing but setting it up works until then */
            secondFactorNeeded: boolean;
            username: string;
        };
        VillageImportReport: {
            applied: boolean;
            crs: string;
            features: number;
            format: string;
            matched: number;
            missing: {
                name: string;
                villageId: number;
            }[];
            problems: ({
                at?: [
                    number,
                    number
                ];
                key: string;
                kind: string;
                message: string;
                params: {
                    [key: string]: unknown;
                };
                /** @enum {string} */
                severity: "error" | "warning";
            } & {
                [key: string]: unknown;
            })[];
            rejected: {
                feature: number;
                name: string;
                reasons: {
                    key: string;
                    message: string;
                    params: {
                        [key: string]: unknown;
                    };
                }[];
            }[];
            valid: boolean;
        };
        WeeklyPlan: {
            days: {
                date: string;
                routeMeters: number;
                stops: {
                    done: boolean;
                    dueOn: string;
                    id: number;
                    lat: number;
                    lon: number;
                    name: string;
                }[];
            }[];
            start: [
                number,
                number
            ];
            weekStart: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
