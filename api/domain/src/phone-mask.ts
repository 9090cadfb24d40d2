// Phone numbers of staff and institution contacts are personal data: roles that do not need to call
// people see them masked, keeping the first three and last four digits so a number can still be
// recognised on the institution's poster (统一张贴).

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '')
  if (digits.length < 7) return '*'.repeat(phone.length)
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`
}
