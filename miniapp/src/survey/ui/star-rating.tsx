import { View } from '@tarojs/components'
import { hidden } from '../../common/a11y'
import { RadioGroup } from '../../common/controls'

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
    <RadioGroup
      name='csat'
      labelledBy={labelledBy}
      options={STARS}
      value={value}
      disabled={disabled}
      onSelect={onChoose}
      className='xs-stars'
      optionClassName={(star) => `xs-star-cell${value !== undefined && star <= value ? ' is-filled' : ''}`}
      testId='csat-stars'
      testPrefix='csat-star'
      // The star is drawn with clip-path: no glyph to colour-check, nothing to read aloud.
      renderOption={() => <View className='xs-star' {...hidden()} />}
    />
  )
}
