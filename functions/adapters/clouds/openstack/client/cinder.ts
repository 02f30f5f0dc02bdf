// Cinder v3: volumes (data volumes are normally made by Nova from the launch's block-device
// mappings; these calls list them and make stand-alone ones).
import type { OpenStackRest } from './rest';
import { type VolumeCreate, VolumeList, VolumeOne } from './wire/cinder';

export class CinderClient {
  constructor(private readonly rest: OpenStackRest) {}

  async listVolumes(region: string) {
    const answer = await this.rest.call({
      service: 'volumev3',
      region,
      method: 'GET',
      path: '/volumes/detail',
      schema: VolumeList,
      action: 'volumes.list',
    });
    return answer.volumes;
  }

  async createVolume(region: string, body: typeof VolumeCreate._output) {
    const answer = await this.rest.call({
      service: 'volumev3',
      region,
      method: 'POST',
      path: '/volumes',
      body,
      schema: VolumeOne,
      action: 'volumes.create',
    });
    return answer.volume;
  }

  deleteVolume(region: string, id: string): Promise<void> {
    return this.rest.call({
      service: 'volumev3',
      region,
      method: 'DELETE',
      path: `/volumes/${encodeURIComponent(id)}`,
      action: 'volumes.delete',
    });
  }
}
