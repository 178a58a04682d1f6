import { maskPhone, maskPii } from './mask';

describe('maskPhone', () => {
  it.each([
    ['13800138000', '138****8000'],
    ['138 0013 8000', '138****8000'],
    ['+86 138-0013-8000', '138****8000'],
    ['008613800138000', '138****8000'],
    ['123', '****'],
  ])('%s → %s', (phone, masked) => expect(maskPhone(phone)).toBe(masked));
});

describe('maskPii', () => {
  it.each([
    ['mobile', '有问题打我电话13812345678', '有问题打我电话138****5678'],
    ['mobile with spaces', '电话 138 1234 5678 谢谢', '电话 138****5678 谢谢'],
    ['mobile with dashes', '138-1234-5678', '138****5678'],
    ['mobile with +86', '联系+86 13912345678。', '联系139****5678。'],
    ['mobile with 86 glued', '8615012345678', '150****5678'],
    ['two mobiles', '13812345678或19987654321', '138****5678或199****4321'],
    ['landline', '座机021-62345678', '座机021-****5678'],
    ['landline in brackets with spaces', '(0571) 8888 1234', '(0571)-****1234'],
    ['landline plain', '01066668888', '010-****8888'],
    ['landline with a four-digit area code', '0571-8765432', '0571-****5432'],
    ['email', '发到zhang.san@qq.com就行', '发到z***@qq.com就行'],
    ['email with digits', '13812345678@163.com', '1***@163.com'],
    ['ID card', '身份证110101199003071234', '身份证110101********1234'],
    ['ID card with X', '身份证号码是11010119900307123X。', '身份证号码是110101********123X。'],
    ['WeChat id', '加我微信：zhang_san88', '加我微信：***'],
    ['WeChat id after 微信号', '微信号 Lily-2020 备注心声', '微信号 *** 备注心声'],
    ['vx', 'vx:abc12345', 'vx:***'],
    ['VX upper case', 'VX abcdef', 'VX ***'],
    ['wx', '有事wx联系 wx是wang123456', '有事wx联系 wx是***'],
    ['WeChat number that is a phone', '微信13812345678', '微信138****5678'],
    ['QQ', 'QQ: 12345678', 'QQ: ***'],
  ])('%s', (_, text, masked) => expect(maskPii(text)).toBe(masked));

  it.each([
    ['an order number too short for a phone', '订单号2024123 没收到'],
    ['prices and times', '等了45分钟，花了128元，3杯奶茶'],
    ['a 400 hotline (the brand’s own, public)', '打了400-820-8820没人接'],
    ['a word that merely contains wx', 'wxyz很好喝'],
    ['plain Chinese', '店员态度很好，排队太久'],
  ])('leaves %s alone', (_, text) => expect(maskPii(text)).toBe(text));
});
