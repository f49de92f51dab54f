import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema } from '#shared/schemas/common.ts';
import { isAcquireTimeout } from '../db/database.ts';
import { AppError, HTTP_STATUS, type ErrorDetail } from '../platform/errors.ts';

/** An answer without a body (204). */
export const noContent = z.null().describe('No content');

/** The error answers every route may give, for its OpenAPI description. */
export const errorResponses = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
  413: errorResponseSchema,
  429: errorResponseSchema,
  501: errorResponseSchema,
} as const;

const PREFIX: Record<string, string> = { body: '', querystring: 'query.', params: 'params.' };

function toPath(context: string | undefined, instancePath: string): string {
  const path = instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  return `${PREFIX[context ?? 'body'] ?? ''}${path}` || '(root)';
}

/**
 * Fastify's own 4xx messages a partner meets, in Chinese as every other detail: a body that is
 * not JSON, or JSON with a `__proto__` or `constructor.prototype` key (refused as poisoning);
 * an address that does not decode (`%zz`).
 */
const FRAMEWORK_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY:
    '请求体不是有效的 JSON（或含有 __proto__、constructor.prototype 等不允许的键）',
  FST_ERR_BAD_URL: '请求地址含有无法解码的字符',
};

/**
 * An answer a public route gives itself to an address Fastify could not decode, or null: a
 * route whose parameter is an opaque token judges even an undecodable one (document verification).
 */
export type UndecodableAnswer = (method: string, url: string) => object | null;

/**
 * Errors Fastify raises before a route is found (a malformed URL): a 400 in the contract's shape,
 * unless the address is one whose route answers it itself.
 */
export function frameworkErrorHandler(undecodable: UndecodableAnswer) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const own = error.code === 'FST_ERR_BAD_URL' ? undecodable(request.method, request.url) : null;
    if (own) return reply.status(200).send(own);
    return reply.status(400).send({
      error: {
        code: 'VALIDATION_FAILED',
        message: '请求地址不正确',
        details: [{ path: '(url)', message: FRAMEWORK_MESSAGES[error.code] ?? error.code }],
      },
    });
  };
}

/** A path parameter that is an opaque id the platform gave: `/id`, `/measureId`. */
const OPAQUE_ID_PARAM = /^\/(id|[a-z]+Id)$/;

/** One error shape for every failure; a stack trace never leaves the server. */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    if (error.retryAfterSeconds) reply.header('Retry-After', String(error.retryAfterSeconds));
    return reply.status(HTTP_STATUS[error.code]).send({
      error: { code: error.code, message: error.message, details: error.details },
    });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    // An opaque id in the path (`id`, `measureId`) that is not even of an id's shape names
    // nothing, like an id of the right shape that is unknown: 404 (CONTRACT.md "unknown id →
    // 404"). A plate, VIN or identity number in the path is data with a format: 400, as in a body.
    if (
      error.validationContext === 'params' &&
      error.validation.every((v) => OPAQUE_ID_PARAM.test(v.instancePath))
    ) {
      return reply
        .status(404)
        .send({ error: { code: 'NOT_FOUND', message: '该编号的记录不存在' } });
    }
    const details: ErrorDetail[] = error.validation.map((v) => ({
      path: toPath(error.validationContext, v.instancePath),
      message: v.message ?? '取值无效',
    }));
    return reply
      .status(400)
      .send({ error: { code: 'VALIDATION_FAILED', message: '输入数据不符合要求', details } });
  }
  if (isAcquireTimeout(error)) {
    request.log.warn('no database connection became free in time');
    reply.header('Retry-After', '5');
    return reply
      .status(503)
      .send({ error: { code: 'UNAVAILABLE', message: '系统繁忙，请稍后再试' } });
  }
  const status = error.statusCode ?? 500;
  if (status === 413) {
    return reply
      .status(413)
      .send({ error: { code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大' } });
  }
  if (status === 415) {
    return reply
      .status(415)
      .send({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的内容类型' } });
  }
  if (status >= 400 && status < 500) {
    // Malformed JSON, empty body with a JSON content type and the like.
    return reply.status(400).send({
      error: {
        code: 'VALIDATION_FAILED',
        message: '请求格式不正确',
        details: [{ path: '(root)', message: FRAMEWORK_MESSAGES[error.code] ?? error.message }],
      },
    });
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply
    .status(500)
    .send({ error: { code: 'INTERNAL', message: '系统内部错误，请稍后再试' } });
}
