import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../access/actor.js';
import type { Role } from '../access/roles.js';
import { DomainError, type FieldProblem } from '../app/domain-error.js';

/** Who is signed in, as the header and the pages show them. */
export interface SignedInUser {
  actor: Actor;
  name: string;
  email: string;
  roles: readonly Role[];
  areaNames: string[];
  areas: Array<{ id: string; name: string }>;
}

export type FormBody = Record<string, string | string[] | undefined>;

/** One error of a GOV.UK error summary: the message, and the id of the field it links to. */
export interface PageError {
  text: string;
  href: string;
}

/** What a page handler is given: the request, who asks (as an Actor, as the API's guard makes it), and how to answer. */
export interface Page {
  request: FastifyRequest;
  reply: FastifyReply;
  user: SignedInUser;
  actor: Actor;
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  form: FormBody;
  render(view: string, data?: Record<string, unknown>, status?: number): Promise<FastifyReply>;
  redirect(url: string): FastifyReply;
}

/** A page's answer: the reply, once rendered, redirected or sent. */
export type PageHandler = (page: Page) => Promise<unknown>;

export interface PageRouter {
  get(path: string, roles: readonly Role[] | 'any', handler: PageHandler): void;
  post(path: string, roles: readonly Role[] | 'any', handler: PageHandler): void;
}

/** A group of pages (one user journey), registered on the workspace's router. */
export interface PageGroup {
  routes(router: PageRouter): void;
}

/** A form field's first value, trimmed; '' when absent. */
export function field(form: FormBody, name: string): string {
  const value = form[name];
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
}

/** Every value of a repeated field (checkboxes). */
export function fields(form: FormBody, name: string): string[] {
  const value = form[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((item) => item.trim()).filter((item) => item !== '');
}

/** A field the API would receive only when given. */
export function optional(form: FormBody, name: string): string | undefined {
  return field(form, name) || undefined;
}

/**
 * Field problems of a failed command, as a GOV.UK error summary and per-field messages.
 * `fieldIds` maps the API's field paths to the ids of the inputs that answer them.
 */
export function pageErrors(problems: readonly FieldProblem[], fieldIds: Record<string, string> = {}, messages: Record<string, string> = {}) {
  const errorList: PageError[] = [];
  const byField: Record<string, { text: string }> = {};
  for (const problem of problems) {
    const key = Object.keys(fieldIds).find((path) => problem.field === path || problem.field.startsWith(`${path}.`) || problem.field.startsWith(`${path}[`));
    const id = key ? fieldIds[key] : problem.field.replace(/[^A-Za-z0-9_-]+/g, '-');
    const text = messages[key ?? problem.field] ?? sentence(key ?? problem.field, problem.message);
    if (byField[id]) continue;
    byField[id] = { text };
    errorList.push({ text, href: `#${id}` });
  }
  return { errorList, errors: byField };
}

function sentence(fieldName: string, message: string): string {
  const words = fieldName.replace(/\[\d+\]/g, '').split('.').pop()!.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const text = `${words.charAt(0).toUpperCase()}${words.slice(1)} ${message}`;
  return text.endsWith('.') ? text.slice(0, -1) : text;
}

/** The field problems of a validation failure, or null for any other error. */
export function fieldProblemsOf(error: unknown): FieldProblem[] | null {
  if (error instanceof DomainError && error.code === 'VALIDATION_FAILED') {
    return (error.extensions.errors as FieldProblem[] | undefined) ?? [{ field: 'form', message: error.detail ?? error.title }];
  }
  return null;
}

export function isConflict(error: unknown): boolean {
  return error instanceof DomainError && error.code === 'CONFLICT';
}

/** A business rule's refusal (4xx other than validation, conflict, not found), shown on the form. */
export function refusalOf(error: unknown): string | null {
  if (error instanceof DomainError && error.status >= 400 && error.status < 500 && ![404, 401, 403].includes(error.status) && error.code !== 'VALIDATION_FAILED' && error.code !== 'CONFLICT') {
    return error.detail ?? error.title;
  }
  return null;
}

/** An error summary from messages already written for people, each naming its field's id. */
export function summaryOf(problems: ReadonlyArray<{ field: string; message: string }>) {
  const seen = new Set<string>();
  const unique = problems.filter((problem) => !seen.has(problem.field) && seen.add(problem.field));
  return {
    errorList: unique.map((problem) => ({ text: problem.message, href: `#${problem.field}` })),
    errors: Object.fromEntries(unique.map((problem) => [problem.field, { text: problem.message }])),
  };
}

/**
 * A command's field problem as the page shows it: the API names fields by their path in the
 * request, the page's inputs have ids of their own (`fieldIds`), and a page may have its own
 * words for a field (`messages`, by the request's field name).
 */
export function problemFor(problem: FieldProblem, fieldIds: Record<string, string>, messages: Record<string, string> = {}): { field: string; message: string } {
  const key = Object.keys(fieldIds).find((path) => problem.field === path || problem.field.startsWith(`${path}.`) || problem.field.startsWith(`${path}[`));
  const id = key ? fieldIds[key] : problem.field.replace(/[^A-Za-z0-9_-]+/g, '-');
  if (key && messages[key]) return { field: id, message: messages[key] };
  if (/^(Enter|Select|The|Choose|Give)\b/.test(problem.message)) return { field: id, message: problem.message };
  const words = (key ?? problem.field).replace(/\[\d+\]/g, '').split('.').pop()!.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return { field: id, message: `${words.charAt(0).toUpperCase()}${words.slice(1)} ${problem.message}` };
}
