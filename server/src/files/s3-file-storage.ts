/**
 * The S3 driver (any S3-compatible service) over @aws-sdk/client-s3, configured from settings `s3`. Keys are
 * object keys in the bucket as-is; they are still checked like local keys so both drivers accept the same set.
 */
import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { UnsafeKeyError } from './local-file-storage.js';
import { isSafeKey, type ByteRange, type FileStorage, type StoredFileInfo } from './port.js';

export interface S3Config {
  bucket: string;
  region: string;
  endpoint: string;
  accessKey: string;
  secret: string;
  forcePathStyle: boolean;
}

const isNotFound = (err: unknown) =>
  err instanceof S3ServiceException && (err.$metadata.httpStatusCode === 404 || err.name === 'NotFound' || err.name === 'NoSuchKey');

export function createS3FileStorage(config: S3Config): FileStorage & { destroy(): void } {
  const client = new S3Client({
    region: config.region,
    endpoint: config.endpoint || undefined,
    forcePathStyle: config.forcePathStyle,
    credentials: { accessKeyId: config.accessKey, secretAccessKey: config.secret },
    // Many S3-compatible servers reject the newer flexible-checksum headers; send them only when an API needs them.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = config.bucket;
  const checked = (key: string) => {
    if (!isSafeKey(key)) throw new UnsafeKeyError(key);
    return key;
  };

  const get = async (key: string, range?: ByteRange) => {
    const out = await client.send(new GetObjectCommand({ Bucket, Key: checked(key), Range: range ? `bytes=${range.start}-${range.end}` : undefined }));
    return out.Body;
  };

  const remove = async (key: string) => {
    try {
      await client.send(new DeleteObjectCommand({ Bucket, Key: checked(key) }));
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  };

  return {
    kind: 's3',

    async put(key, data, contentType) {
      await client.send(new PutObjectCommand({ Bucket, Key: checked(key), Body: data, ContentType: contentType, ContentLength: data.byteLength }));
    },

    async stat(key): Promise<StoredFileInfo | null> {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket, Key: checked(key) }));
        return { size: head.ContentLength ?? 0, modified: head.LastModified ?? new Date(0), contentType: head.ContentType };
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },

    async read(key) {
      try {
        const body = await get(key);
        return body ? Buffer.from(await body.transformToByteArray()) : null;
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },

    async stream(key, range) {
      const body = await get(key, range);
      if (body instanceof Readable) return body;
      return Readable.from(Buffer.from(body ? await body.transformToByteArray() : new Uint8Array()));
    },

    delete: remove,

    async deletePrefix(prefix) {
      const Prefix = checked(prefix.replace(/\/+$/, '')) + '/';
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket, Prefix, ContinuationToken }));
        // One DeleteObject per key: DeleteObjects needs checksum headers that not every compatible server takes.
        for (const item of page.Contents ?? []) if (item.Key) await remove(item.Key);
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
    },

    destroy() {
      client.destroy();
    },
  };
}
