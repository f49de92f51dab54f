import type { z } from 'zod';

/**
 * zod's messages in plain Chinese, for every issue a schema does not word itself: they reach
 * users as the `error` of a rejected import line and the `details` of a 400. zod's own zh-CN
 * locale leaves the type names in English ("期望 string，实际接收 undefined"); these say what the
 * field should be in words a clerk reads.
 */
const TYPES: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '布尔值（true 或 false）',
  object: '对象',
  // z.record: a business type's `data` is one ("应为record，不能是数组" reached partners).
  record: '对象',
  array: '数组',
  date: '日期',
  null: 'null',
  nan: '非数字（NaN）',
  symbol: '符号',
  function: '函数',
  map: '映射',
  set: '集合',
  file: '文件',
};

/** The kind of a value as it came in, in the same words. */
function kindOf(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return '数组';
  if (typeof input === 'number') {
    if (Number.isNaN(input)) return TYPES.nan!;
    return Number.isInteger(input) ? '整数' : '数字';
  }
  return TYPES[typeof input] ?? typeof input;
}

const UNITS: Record<string, string> = {
  string: '个字符',
  array: '项',
  set: '项',
  map: '项',
  file: '字节',
};

const FORMATS: Record<string, string> = {
  email: '电子邮件地址',
  url: '网址',
  uuid: 'UUID',
  uuidv4: 'UUID',
  uuidv6: 'UUID',
  guid: 'GUID',
  datetime: '带时区的 ISO 8601 时间',
  date: '日期（YYYY-MM-DD）',
  time: '时间（HH:MM）',
  duration: 'ISO 8601 时长',
  ipv4: 'IPv4 地址',
  ipv6: 'IPv6 地址',
  base64: 'base64 编码',
  base64url: 'base64url 编码',
  json_string: 'JSON 文本',
  e164: '电话号码',
  jwt: '令牌',
};

const shown = (v: unknown) => (typeof v === 'bigint' ? String(v) : JSON.stringify(v));

export const zhErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return '缺少此字段';
      return `应为${TYPES[issue.expected] ?? issue.expected}，不能是${kindOf(issue.input)}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `应为 ${shown(issue.values[0])}`
        : `应为以下之一：${issue.values.map(shown).join('、')}`;
    case 'too_big': {
      const max = String(issue.maximum);
      const unit = UNITS[issue.origin ?? ''];
      if (unit) return issue.inclusive ? `最多 ${max} ${unit}` : `应少于 ${max} ${unit}`;
      return issue.inclusive ? `不能大于 ${max}` : `应小于 ${max}`;
    }
    case 'too_small': {
      const min = String(issue.minimum);
      const unit = UNITS[issue.origin ?? ''];
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return '不能为空';
      if (unit) return issue.inclusive ? `至少 ${min} ${unit}` : `应多于 ${min} ${unit}`;
      return issue.inclusive ? `不能小于 ${min}` : `应大于 ${min}`;
    }
    case 'invalid_format':
      if (issue.format === 'starts_with') return `应以 "${issue.prefix}" 开头`;
      if (issue.format === 'ends_with') return `应以 "${issue.suffix}" 结尾`;
      if (issue.format === 'includes') return `应包含 "${issue.includes}"`;
      return FORMATS[issue.format] ? `不是有效的${FORMATS[issue.format]}` : '格式不正确';
    case 'not_multiple_of':
      return `应为 ${String(issue.divisor)} 的倍数`;
    case 'unrecognized_keys':
      return `不认识的字段：${issue.keys.join('、')}`;
    case 'invalid_key':
      return '字段名无效';
    case 'invalid_union':
      return '不符合任何一种允许的格式';
    case 'invalid_element':
      return '含有无效的值';
    default:
      return '取值无效';
  }
};
