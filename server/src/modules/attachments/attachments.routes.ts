import { AppError, Attachment, AttachmentParams, TaskParams } from '@leeway/core';
import Type from 'typebox';
import { errors, memberCtx, type RouteModule } from '../../http.ts';
import * as attachments from './attachments.service.ts';

const tags = ['attachments'];

export const attachmentRoutes: RouteModule = (app) => {
  app.get(
    '/api/v1/workspaces/:workspaceId/tasks/:taskId/attachments',
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: "A task's files, oldest first",
        params: TaskParams,
        response: { 200: Type.Array(Attachment), ...errors(400, 401, 404) },
      },
    },
    async (request) => attachments.listAttachments(memberCtx(request), request.params.taskId),
  );

  app.post(
    '/api/v1/workspaces/:workspaceId/tasks/:taskId/attachments',
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'Attach a file to a task',
        description: `multipart/form-data with one file in the field "${attachments.FILE_FIELD}". Larger than ATTACHMENT_MAX_BYTES: 413.`,
        consumes: ['multipart/form-data'],
        params: TaskParams,
        response: { 201: Attachment, ...errors(400, 401, 403, 404, 413) },
      },
    },
    async (request, reply) => {
      const receive = async (): Promise<attachments.IncomingFile | undefined> => {
        if (!request.isMultipart()) return undefined;
        let part: Awaited<ReturnType<typeof request.file>>;
        try {
          part = await request.file();
        } catch {
          // A body that says multipart but is not (no boundary, cut off, …).
          throw new AppError(
            'validation_failed',
            'The upload could not be read. Send it as multipart/form-data.',
            {
              fields: [{ field: attachments.FILE_FIELD, message: 'could not be read' }],
            },
          );
        }
        if (!part) return undefined;
        return {
          fieldName: part.fieldname,
          fileName: part.filename,
          contentType: part.mimetype,
          stream: part.file,
        };
      };
      const created = await attachments.addAttachment(memberCtx(request), request.params.taskId, receive);
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/v1/workspaces/:workspaceId/tasks/:taskId/attachments/:attachmentId/download',
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'Download a file (always as an attachment, never shown inline)',
        params: AttachmentParams,
        response: {
          // The bytes themselves, streamed; never serialised as JSON.
          200: Type.Unknown({ description: 'The file’s bytes (binary).' }),
          ...errors(400, 401, 404),
        },
      },
    },
    async (request, reply) => {
      const file = await attachments.downloadAttachment(
        memberCtx(request),
        request.params.taskId,
        request.params.attachmentId,
      );
      return reply
        .header('content-type', file.contentType)
        .header('content-length', file.size)
        .header('content-disposition', attachments.contentDisposition(file.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "sandbox; default-src 'none'")
        .header('cache-control', 'private, no-cache')
        .send(file.stream);
    },
  );

  app.delete(
    '/api/v1/workspaces/:workspaceId/tasks/:taskId/attachments/:attachmentId',
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'Delete a file (the person who uploaded it, or an owner)',
        params: AttachmentParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await attachments.deleteAttachment(
        memberCtx(request),
        request.params.taskId,
        request.params.attachmentId,
      );
      return reply.status(204).send(null);
    },
  );
};
