import { newId } from '../lib/ids';
import { z } from 'zod';
import {
  ZOptInResult, ZPersonExport, ZPersonLookup, ZPrivacyRequestAccepted, ZPrivacyRequestView,
  type PrivacyRequestView,
} from '@xinsheng/shared';
import { notFound } from '../lib/errors';
import { json, parseWith } from '../lib/http';
import { recordAudit } from '../data/audit-repo';
import { deleteOptOuts, getPrivacyRequest, putPrivacyRequest, type PrivacyRequest } from '../data/privacy-repo';
import { adminRoutes } from '../admin/admin-auth';
import { parseStrictBody } from '../admin/strict-body';
import { collectPersonRecords, hasRecords, personExport } from './person-records';
import { personHashes } from './person-links';
import { lookupHashes } from './lookup';

/**
 * A person's data on request (PIPL arts. 44–47), for the brand admin of the person's brand:
 * export (200 with every invitation, response, task and notice; 404 when there is none), erase
 * (202 with a request id; the erasure worker does it: privacy/erase.ts), the request's status, and
 * the opt-in that reverses an opt-out on the person's request. The identifier asked with is never
 * echoed, logged or stored in the clear (audit targets name the request, never the person).
 */
const ZRequestPath = z.object({ requestId: z.string().regex(/^[0-9A-Z]{26}$/, 'not a request id') });

const requestView = (r: PrivacyRequest): PrivacyRequestView =>
  ZPrivacyRequestView.parse({ requestId: r.requestId, kind: r.kind, status: r.status, createdAt: r.createdAt, finishedAt: r.finishedAt ?? null, counts: r.counts ?? null });

export const handler = adminRoutes({
  'POST /v1/admin/privacy/export': async (event, admin, now) => {
    const lookup = parseStrictBody(event, ZPersonLookup);
    const records = await collectPersonRecords(admin.brandId, lookupHashes(lookup));
    const found = hasRecords(records);
    await recordAudit({
      brandId: admin.brandId, actor: admin.staffId, action: 'privacy.export', target: 'privacy:person', at: now,
      after: { found, invitations: records.invitations.length, responses: records.responses.length, tasks: records.tasks.length },
    });
    if (!found) throw notFound('no records of such a person');
    return json(200, ZPersonExport.parse(await personExport(admin.brandId, records, now)));
  },

  'POST /v1/admin/privacy/erase': async (event, admin, now) => {
    const lookup = parseStrictBody(event, ZPersonLookup);
    const request: PrivacyRequest = {
      requestId: newId(now.getTime()), brandId: admin.brandId, kind: 'erase', status: 'pending', customerHashes: lookupHashes(lookup),
      requestedBy: admin.staffId, createdAt: now.toISOString(), attempts: 0,
    };
    await putPrivacyRequest(request, { brandId: admin.brandId, actor: admin.staffId, action: 'privacy.erase', target: `privacy:${request.requestId}`, at: now, after: { status: 'pending' } });
    return json(202, ZPrivacyRequestAccepted.parse({ requestId: request.requestId, status: request.status }));
  },

  'GET /v1/admin/privacy/requests/{requestId}': async (event, admin) => {
    const { requestId } = parseWith(event.pathParameters ?? {}, ZRequestPath, ['path']);
    // Keyed under the admin's brand: another brand's request is not there for them (404).
    const request = await getPrivacyRequest(admin.brandId, requestId);
    if (!request) throw notFound('no such request');
    return json(200, requestView(request));
  },

  'POST /v1/admin/privacy/opt-in': async (event, admin, now) => {
    const lookup = parseStrictBody(event, ZPersonLookup);
    const hashes = await personHashes(admin.brandId, lookupHashes(lookup));
    await deleteOptOuts(admin.brandId, hashes, {
      brandId: admin.brandId, actor: admin.staffId, action: 'privacy.opt_in', target: 'privacy:person', at: now, after: { identifiers: hashes.length },
    });
    return json(200, ZOptInResult.parse({ optedIn: true, identifiers: hashes.length }));
  },
});
