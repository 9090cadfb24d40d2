// Deterministic demo names and phone numbers. Common surnames of south-west Shandong; every
// phone number uses the 1380000 prefix block so that none can be mistaken for a real one.
import type { RandomSource } from '@gridwatch/geodata'
import { pick } from '@gridwatch/geodata'

const surnames = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '郑',
  '谢',
  '孔',
  '曹',
  '魏',
  '田',
  '袁',
]
const givenNameCharacters = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀',
  '霞',
  '平',
  '刚',
  '桂',
  '英',
  '华',
  '建',
  '国',
  '红',
  '文',
  '玉',
  '兰',
  '志',
  '海',
  '春',
  '燕',
  '东',
  '亮',
]

export function demoPersonName(random: RandomSource): string {
  const given =
    random() < 0.55
      ? pick(random, givenNameCharacters) + pick(random, givenNameCharacters)
      : pick(random, givenNameCharacters)
  return pick(random, surnames) + given
}

export function demoPhone(serial: number): string {
  return `1380000${String(serial % 10000).padStart(4, '0')}`
}
