import {
  TemplateDataError, amount, callbackNoticeData, characterString, charLength, date, numberValue, phrase,
  surveyInvitationData, templateValueProblem, thing, time,
} from './template-data';

describe('thing (free text, at most 20 characters)', () => {
  test.each([
    ['short text stays as is', '心声旗舰店', '心声旗舰店'],
    ['exactly 20 stays', '一二三四五六七八九十一二三四五六七八九十', '一二三四五六七八九十一二三四五六七八九十'],
    ['21 is cut to 19 + …', '一二三四五六七八九十一二三四五六七八九十一', '一二三四五六七八九十一二三四五六七八九…'],
    ['whitespace and newlines collapse', '  上海\n\t徐汇   店 ', '上海 徐汇 店'],
    ['zero-width characters vanish', '上\u200b海', '上海'],
    ['emoji count as one character each', '😀'.repeat(21), `${'😀'.repeat(19)}…`],
    ['no trailing space before …', `${'a'.repeat(18)} bcdef`, `${'a'.repeat(18)}…`],
  ])('%s', (_label, input, expected) => {
    const out = thing(input);
    expect(out).toBe(expected);
    expect(charLength(out)).toBeLessThanOrEqual(20);
    expect(templateValueProblem('thing1', out)).toBeUndefined();
  });

  test('empty after cleaning is refused', () => {
    expect(() => thing(' \n ')).toThrow(TemplateDataError);
  });
});

describe('strict keywords throw instead of cutting', () => {
  test.each([
    ['phrase ok', () => phrase('待回访'), '待回访'],
    ['character_string ok', () => characterString('ORD-2026-000123'), 'ORD-2026-000123'],
    ['character_string at 32', () => characterString('A'.repeat(32)), 'A'.repeat(32)],
    ['number ok', () => numberValue(42.5), '42.5'],
    ['amount in fen', () => amount(12345), '¥123.45'],
    ['amount pads fen', () => amount(5), '¥0.05'],
  ])('%s', (_label, build, expected) => {
    expect(build()).toBe(expected);
  });

  test.each([
    ['phrase of 6 characters', () => phrase('六个汉字啊啊')],
    ['phrase with latin letters', () => phrase('ok')],
    ['character_string of 33', () => characterString('A'.repeat(33))],
    ['character_string with a space', () => characterString('A B')],
    ['character_string with Chinese', () => characterString('订单1')],
    ['number of 33 digits', () => numberValue('1'.repeat(33))],
    ['number that is not one', () => numberValue('12a')],
    ['NaN', () => numberValue(Number.NaN)],
    ['negative amount', () => amount(-1)],
    ['fractional fen', () => amount(1.5)],
  ])('%s', (_label, build) => {
    expect(build).toThrow(TemplateDataError);
  });
});

describe('time and date in the store time zone', () => {
  test.each([
    ['2026-11-23T07:01:00Z', 'Asia/Shanghai', '2026年11月23日 15:01', '2026年11月23日'],
    ['2026-11-23T16:30:00Z', 'Asia/Shanghai', '2026年11月24日 00:30', '2026年11月24日'],
    ['2026-01-05T00:05:00Z', 'UTC', '2026年1月5日 00:05', '2026年1月5日'],
  ])('%s in %s', (iso, zone, expectedTime, expectedDate) => {
    expect(time(iso, zone)).toBe(expectedTime);
    expect(date(new Date(iso), zone)).toBe(expectedDate);
    expect(templateValueProblem('time2', expectedTime)).toBeUndefined();
    expect(templateValueProblem('date3', expectedDate)).toBeUndefined();
  });

  test('an invalid instant is refused', () => {
    expect(() => time('not a date', 'Asia/Shanghai')).toThrow(TemplateDataError);
  });
});

describe('templateValueProblem follows WeChat keyword rules', () => {
  test.each([
    ['thing1', 'a'.repeat(20), true],
    ['thing1', 'a'.repeat(21), false],
    ['thing1', '', false],
    ['phrase2', '已完成', true],
    ['phrase2', '已经完成了啊', false],
    ['character_string3', 'X'.repeat(32), true],
    ['character_string3', 'X'.repeat(33), false],
    ['number4', '1'.repeat(32), true],
    ['number4', '1'.repeat(33), false],
    ['number4', '1,000', false],
    ['time5', '15:01', true],
    ['time5', '2019年10月1日 15:01', true],
    ['time5', '2019-10-01 15:01:00', true],
    ['time5', '15:01~16:00', true],
    ['time5', 'tomorrow', false],
    ['date6', '2019年10月1日', true],
    ['date6', '15:01', false],
    ['amount7', '¥123.45', true],
    ['amount7', '12345678901.00', false],
    ['letter8', 'abc', true],
    ['letter8', 'abc1', false],
    ['unknown9', 'x', false],
    ['thing', 'x', false],
  ])('%s = %j → ok %s', (key, value, ok) => {
    expect(templateValueProblem(key, value) === undefined).toBe(ok);
  });

  test('a non-string value is a problem', () => {
    expect(templateValueProblem('thing1', 12)).toBeDefined();
  });
});

describe('message data builders', () => {
  test('survey invitation: store name cut to 20, purchase time in the store zone, the prompt', () => {
    const data = surveyInvitationData({
      storeName: '心声连锁上海市徐汇区漕河泾开发区宜山路旗舰店',
      occurredAt: '2026-11-23T07:01:00Z',
      timeZone: 'Asia/Shanghai',
    });
    expect(data).toEqual({
      thing1: { value: '心声连锁上海市徐汇区漕河泾开发区宜山路…' },
      time2: { value: '2026年11月23日 15:01' },
      thing3: { value: '邀请您评价本次服务' },
    });
    expect(charLength(data.thing1.value)).toBe(20);
  });

  test('callback notice', () => {
    expect(
      callbackNoticeData({ storeName: '徐汇店', status: '已回电', at: '2026-11-24T02:00:00Z', timeZone: 'Asia/Shanghai' }),
    ).toEqual({
      thing1: { value: '徐汇店' },
      phrase2: { value: '已回电' },
      time3: { value: '2026年11月24日 10:00' },
      thing4: { value: '门店已跟进您的反馈' },
    });
  });

  test('callback notice refuses a status WeChat would refuse', () => {
    expect(() =>
      callbackNoticeData({ storeName: '徐汇店', status: 'pending', at: '2026-11-24T02:00:00Z', timeZone: 'Asia/Shanghai' }),
    ).toThrow(TemplateDataError);
  });
});
