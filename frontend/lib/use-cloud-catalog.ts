'use client';
// What the cloud behind a set of credentials offers (regions with zones, a region's instance
// types; a private cloud's images, networks, security groups and key pairs), for the forms' selects. Read once per credentials / region while the form is open.
import { api } from './api-client';
import { useApi } from './use-api';

export function useLocations(environmentId: string | undefined, credentialsId: string) {
  return useApi(environmentId && credentialsId ? `locations:${credentialsId}` : null, (signal) =>
    api.listLocations(environmentId!, credentialsId, signal),
  );
}

export function useInstanceTypes(environmentId: string | undefined, credentialsId: string, region: string) {
  return useApi(
    environmentId && credentialsId && region ? `instance-types:${credentialsId}:${region}` : null,
    (signal) => api.listInstanceTypes(environmentId!, credentialsId, region, signal),
  );
}

/** OpenStack and CloudStack only (the API refuses the others): what a farm role may be placed on. */
export function usePlacementChoices(
  environmentId: string | undefined,
  credentialsId: string,
  region: string,
) {
  return useApi(
    environmentId && credentialsId && region ? `placement-choices:${credentialsId}:${region}` : null,
    (signal) => api.listPlacementChoices(environmentId!, credentialsId, region, signal),
  );
}

/** The environment's cloud credentials (every page), the source of the lists above. */
export function useCredentials(environmentId: string | undefined) {
  return useApi(environmentId ? `credentials:${environmentId}` : null, (signal) =>
    api.allCredentials(environmentId!, signal),
  );
}
