import type { ComponentType } from 'react'
import type { AdminSectionId } from '../../model/admin-sections'
import { AuditSection } from './audit-section'
import { BrandSection } from './brand-section'
import { SurveysSection } from './surveys-section'
import type { AdminSectionProps } from './section-props'

/**
 * The sections the console shows, in ADMIN_SECTIONS' order. A section joins this registry when it
 * works end to end (no tab for a feature that does not exist yet).
 */
export const SECTION_VIEWS: Partial<Record<AdminSectionId, ComponentType<AdminSectionProps>>> = {
  audit: AuditSection,
  surveys: SurveysSection,
  brand: BrandSection,
}
