// Where JSON text stops being valid. Node 20's JSON.parse says what token it did not expect but
// not where, and a planner with a 5 MB file needs the line and column. Called only after
// JSON.parse has failed, so it only has to find the first offset a strict reader cannot pass.

/** The offset of the first character a strict JSON reader rejects (the text's length when it ends too early). */
export function jsonErrorOffset(text: string): number {
  let at = 0
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at++
  }
  const fail = (): never => {
    throw at
  }
  const literal = (word: string) => {
    if (text.startsWith(word, at)) at += word.length
    else fail()
  }
  const string = () => {
    at++
    while (at < text.length && text[at] !== '"') {
      if (text.charCodeAt(at) < 0x20) fail()
      if (text[at] === '\\') {
        at++
        if (text[at] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5))) fail()
          at += 4
        } else if (!'"\\/bfnrt'.includes(text[at] ?? 'x')) fail()
      }
      at++
    }
    if (at >= text.length) fail()
    at++
  }
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at, at + 400))
    if (!match) fail()
    at += match![0].length
  }
  const value = (): void => {
    space()
    const character = text[at]
    if (character === '{')
      return members('}', () => {
        space()
        if (text[at] !== '"') fail()
        string()
        space()
        if (text[at] !== ':') fail()
        at++
        value()
      })
    if (character === '[') return members(']', value)
    if (character === '"') return string()
    if (character === 't') return literal('true')
    if (character === 'f') return literal('false')
    if (character === 'n') return literal('null')
    number()
  }
  const members = (close: string, member: () => void) => {
    at++
    space()
    if (text[at] === close) {
      at++
      return
    }
    for (;;) {
      member()
      space()
      if (text[at] === ',') at++
      else if (text[at] === close) {
        at++
        return
      } else fail()
    }
  }
  try {
    value()
    space()
    if (at < text.length) fail()
    return text.length
  } catch (offset) {
    return typeof offset === 'number' ? offset : at
  }
}
