import { Text } from '@tarojs/components'
import type { ReasonChoice } from '../model/use-survey'
import { hidden } from '../../common/a11y'
import { Choice, ChoiceGroup } from '../../common/controls'

export interface ReasonChipsProps {
  labelledBy: string
  reasons: ReasonChoice[]
  disabled: boolean
  onToggle: (reasonId: string) => void
}

/** The reasons offered for the score's band, as multi-select chips (checkboxes). */
export function ReasonChips({ labelledBy, reasons, disabled, onToggle }: ReasonChipsProps) {
  return (
    <ChoiceGroup role='group' labelledBy={labelledBy} className='xs-chips' testId='reason-chips'>
      {reasons.map((reason) => (
        <Choice
          key={reason.id}
          type='checkbox'
          checked={reason.selected}
          accessibleName={reason.label}
          disabled={disabled}
          className='xs-chip'
          onSelect={() => onToggle(reason.id)}
          testId={`reason-${reason.id}`}
        >
          <Text className='xs-chip-text' {...hidden()}>
            {reason.label}
          </Text>
        </Choice>
      ))}
    </ChoiceGroup>
  )
}
