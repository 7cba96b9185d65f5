import { AppError, type ErrorCode, errorStatus, type FieldIssue } from '@leeway/core';
import type { FastifyError, FastifyInstance } from 'fastify';

interface AjvIssue {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

function fieldOf(issue: AjvIssue): string {
  const base = (issue.instancePath ?? '').replace(/^\//, '');
  const missing = issue.params?.missingProperty;
  if (issue.keyword === 'required' && typeof missing === 'string')
    return base ? `${base}/${missing}` : missing;
  return base || '(root)';
}

function body(code: ErrorCode, message: string, details?: object) {
  return details ? { code, message, details } : { code, message };
}

/**
 * The one place that turns failures into `{ code, message, details? }`. Anything that is not
 * an AppError or a known framework error becomes `internal_error` with a generic message:
 * stack traces and SQL stay in the log.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.status).send(body(error.code, error.message, error.details));
    }
    const fe = error as FastifyError & { validation?: AjvIssue[]; validationContext?: string };
    if (fe.validation) {
      const fields: FieldIssue[] = fe.validation.map((issue) => ({
        field: fieldOf(issue),
        message: issue.message ?? 'is invalid',
      }));
      const first = fields[0];
      const where = fe.validationContext ?? 'request';
      return reply
        .status(400)
        .send(
          body(
            'validation_failed',
            first ? `Invalid ${where}: ${first.field} ${first.message}` : `Invalid ${where}`,
            { fields },
          ),
        );
    }
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413) {
      return reply.status(413).send(body('payload_too_large', 'The request body is too large.'));
    }
    if (fe.statusCode === 429) {
      return reply
        .status(429)
        .send(body('rate_limited', 'Too many attempts. Please wait a minute and try again.'));
    }
    if (fe.statusCode === 415) {
      return reply.status(400).send(body('validation_failed', 'Send the request body as application/json.'));
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      // Malformed JSON, empty JSON bodies and similar client mistakes from the framework.
      const code: ErrorCode = fe.statusCode === 404 ? 'not_found' : 'validation_failed';
      const message = code === 'not_found' ? 'Not found.' : 'The request could not be read. Send valid JSON.';
      return reply.status(errorStatus[code]).send(body(code, message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply
      .status(500)
      .send(body('internal_error', 'Something went wrong on our side. Please try again.'));
  });
}
