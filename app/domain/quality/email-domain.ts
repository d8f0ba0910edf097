// An e-mail's domain: impossible (no such shape of domain can exist) or
// misspelt (one or two letters from a popular mailbox provider: gmial.com →
// gmail.com). Chinese providers are added to the checker's own list, or it
// "corrects" foxmail.com to hotmail.com.
import { run as suggestEmail, POPULAR_DOMAINS } from "@zootools/email-spell-checker";

const CHINESE_PROVIDERS = [
  "qq.com",
  "foxmail.com",
  "163.com",
  "126.com",
  "yeah.net",
  "sina.com",
  "sina.cn",
  "sohu.com",
  "139.com",
  "aliyun.com",
  "21cn.com",
];
/** Reserved for documentation and tests (RFC 2606): real-looking, never suggested away. */
const RESERVED = ["example.com", "example.net", "example.org"];
const DOMAINS = [...new Set([...POPULAR_DOMAINS, ...CHINESE_PROVIDERS, ...RESERVED])];
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

export type EmailDomainProblem = { kind: "impossible"; domain: string } | { kind: "misspelt"; domain: string; suggestion: string };

export function emailDomainProblem(email: string): EmailDomainProblem | null {
  const text = email.trim().toLowerCase();
  const at = text.lastIndexOf("@");
  const domain = at >= 0 ? text.slice(at + 1) : "";
  const labels = domain.split(".");
  const tld = labels[labels.length - 1] ?? "";
  if (at < 1 || labels.length < 2 || !labels.every((l) => LABEL.test(l)) || !/^[a-z]{2,24}$/.test(tld) || domain.length > 253)
    return { kind: "impossible", domain };
  if (DOMAINS.includes(domain)) return null;
  const suggestion = suggestEmail({ email: text, domains: DOMAINS });
  if (suggestion && suggestion.domain !== domain) return { kind: "misspelt", domain, suggestion: suggestion.domain };
  return null;
}
