import { Text, View } from '@tarojs/components'
import { npsBand } from '@xinsheng/shared'
import { hidden } from '../../common/a11y'
import { RadioGroup } from '../../common/controls'

const SCORES = Array.from({ length: 11 }, (_, i) => i)

export interface ScoreScaleProps {
  labelledBy: string
  value?: number
  disabled: boolean
  lowLabel: string
  highLabel: string
  onChoose: (score: number) => void
}

/** 0–10 in one row; the chosen cell takes its band's colour. Each cell is a radio named by its number. */
export function ScoreScale({ labelledBy, value, disabled, lowLabel, highLabel, onChoose }: ScoreScaleProps) {
  return (
    <View className='xs-scale'>
      <RadioGroup
        name='nps'
        labelledBy={labelledBy}
        options={SCORES}
        value={value}
        disabled={disabled}
        onSelect={onChoose}
        className='xs-scale-row'
        optionClassName={(score) => `xs-score xs-score-${npsBand(score)}`}
        testId='nps-scale'
        testPrefix='nps-option'
        renderOption={(score) => (
          // Named by the radio itself: the digit is not read a second time.
          <Text className='xs-score-text' {...hidden()}>
            {score}
          </Text>
        )}
      />
      <View className='xs-scale-labels'>
        <Text>{lowLabel}</Text>
        <Text>{highLabel}</Text>
      </View>
    </View>
  )
}
