import type { ComponentType } from 'react'
import type { AdminSectionId } from '../../model/admin-sections'
import { AuditSection } from './audit-section'
import { BrandSection } from './brand-section'
import { PrivacySection } from './privacy-section'
import { SurveysSection } from './surveys-section'
import type { AdminSectionProps } from './section-props'
import { StaffSection } from './staff-section'
import { StoresSection } from './stores-section'
import { WebhooksSection } from './webhooks-section'

/**
 * The sections the console shows, in ADMIN_SECTIONS' order. A section joins this registry when it
 * works end to end (no tab for a feature that does not exist yet).
 */
export const SECTION_VIEWS: Partial<Record<AdminSectionId, ComponentType<AdminSectionProps>>> = {
  audit: AuditSection,
  stores: StoresSection,
  staff: StaffSection,
  webhooks: WebhooksSection,
  surveys: SurveysSection,
  brand: BrandSection,
  privacy: PrivacySection,
}
