import { ZStoreView, type Store, type StoreView } from '@xinsheng/shared';

/** A store as the admin API shows it (and as the audit log records it). */
export const storeView = (store: Store): StoreView =>
  ZStoreView.parse({
    storeId: store.storeId,
    name: store.name,
    region: store.region,
    timeZone: store.timeZone,
    staffIds: store.staffIds,
    policy: store.policy,
    ...(store.surveyId ? { surveyId: store.surveyId } : {}),
  });

