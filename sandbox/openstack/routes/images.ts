// Glance v2: the version list (300 Multiple Choices, as Glance answers its root) and the images.
import { type ApiAnswer, jsonAnswer } from '../../core/sandbox-server';
import { IMAGES, type ImageInfo } from '../catalogue';
import { serviceRoot } from '../identity';
import type { Route, RouteContext } from '../router';

const I = '/image/{region}/v2';

function imageJson(image: ImageInfo) {
  return {
    id: image.id,
    name: image.name,
    status: 'active',
    visibility: 'public',
    protected: false,
    os_hidden: false,
    disk_format: 'qcow2',
    container_format: 'bare',
    min_disk: image.minDisk,
    min_ram: 0,
    size: image.size,
    virtual_size: image.size * 4,
    checksum: image.id.replace(/-/g, ''),
    os_distro: image.osDistro,
    owner: 'c4a6c2e4b1f84a8c9f3f0c2f5e6d7a8b',
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    tags: [],
    self: `/v2/images/${image.id}`,
    file: `/v2/images/${image.id}/file`,
    schema: '/v2/schemas/image',
  };
}

function list(ctx: RouteContext): ApiAnswer {
  const q = ctx.query;
  const matching = IMAGES.filter(
    (i) => (!q.get('name') || i.name === q.get('name')) && (!q.get('id') || i.id === q.get('id')),
  );
  const marker = q.get('marker');
  const start = marker ? matching.findIndex((i) => i.id === marker) + 1 : 0;
  const limit = Number(q.get('limit') ?? 25) || 25;
  const page = matching.slice(start, start + limit);
  const more = start + limit < matching.length;
  return jsonAnswer(200, {
    images: page.map(imageJson),
    first: '/v2/images',
    schema: '/v2/schemas/images',
    ...(more && { next: `/v2/images?marker=${page.at(-1)?.id}&limit=${limit}` }),
  });
}

export const imageRoutes: Route[] = [
  {
    method: 'GET',
    path: '/image/{region}',
    action: 'image.versions',
    anonymous: true,
    handle: (ctx) =>
      jsonAnswer(300, {
        versions: ['v2.16', 'v2.15'].map((id, i) => ({
          id,
          status: i === 0 ? 'CURRENT' : 'SUPPORTED',
          links: [{ rel: 'self', href: `${serviceRoot.image(ctx.base, ctx.params.region as string)}/v2/` }],
        })),
      }),
  },
  { method: 'GET', path: `${I}/images`, action: 'images.list', handle: list },
  {
    method: 'GET',
    path: `${I}/images/{id}`,
    action: 'images.get',
    handle: (ctx) => {
      const image = IMAGES.find((i) => i.id === ctx.params.id);
      if (!image)
        return {
          status: 404,
          contentType: 'text/plain',
          body: `404 Not Found\n\nNo image found with ID ${ctx.params.id}\n\n`,
        };
      return jsonAnswer(200, imageJson(image));
    },
  },
];
