import { View } from '@tarojs/components'
import { hidden } from '../../common/a11y'
import { Choice, ChoiceGroup } from '../../common/controls'

const STARS = [1, 2, 3, 4, 5]

export interface StarRatingProps {
  labelledBy: string
  value?: number
  disabled: boolean
  onChoose: (stars: number) => void
}

/** CSAT 1–5 as five radios named "1"…"5"; stars up to the chosen one are filled. */
export function StarRating({ labelledBy, value, disabled, onChoose }: StarRatingProps) {
  return (
    <ChoiceGroup role='radiogroup' labelledBy={labelledBy} className='xs-stars' testId='csat-stars'>
      {STARS.map((star) => (
        <Choice
          key={star}
          type='radio'
          name='csat'
          checked={value === star}
          disabled={disabled}
          accessibleName={String(star)}
          className={`xs-star-cell${value !== undefined && star <= value ? ' is-filled' : ''}`}
          onSelect={() => onChoose(star)}
          testId={`csat-star-${star}`}
        >
          {/* The star is drawn with clip-path: no glyph to colour-check, nothing to read aloud. */}
          <View className='xs-star' {...hidden()} />
        </Choice>
      ))}
    </ChoiceGroup>
  )
}
