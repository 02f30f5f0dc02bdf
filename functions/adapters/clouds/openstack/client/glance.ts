// Glance v2: the images a server may boot from.
import type { OpenStackRest } from './rest';
import { type Image, ImageList } from './wire/glance';

export class GlanceClient {
  constructor(private readonly rest: OpenStackRest) {}

  /** Every active image the project may use, all pages (`next` carries Glance's marker). */
  async listImages(region: string, query: { name?: string; limit?: number } = {}): Promise<Image[]> {
    const images: Image[] = [];
    let marker: string | undefined;
    for (;;) {
      const page = await this.rest.call({
        service: 'image',
        region,
        method: 'GET',
        path: '/images',
        query: { status: 'active', name: query.name, limit: query.limit?.toString(), marker },
        schema: ImageList,
        action: 'images.list',
      });
      images.push(...page.images);
      if (!page.next || page.images.length === 0) return images;
      marker = new URL(page.next, 'http://next').searchParams.get('marker') ?? page.images.at(-1)?.id;
    }
  }
}
