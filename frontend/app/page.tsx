// `/`: the farms of the chosen environment. The shell is static; the client island loads data.
import type { Metadata } from 'next';
import { FarmsPageClient } from './page-client';

export const metadata: Metadata = { title: 'Farms' };

export default function FarmsPage() {
  return <FarmsPageClient />;
}
