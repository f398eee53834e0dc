import type { LocalizedText, ServiceDescription } from '@regiekit/sdk/protocol';
import { decodeSignedData } from '@regiekit/sdk/signed-data';

/** The fetched fields as the applicant reads them: in the schema's order, each with its label. */
export async function fieldViews(
  credential: string,
  service: ServiceDescription,
): Promise<{ name: string; label: LocalizedText; value: unknown }[]> {
  const { data } = await decodeSignedData(credential);
  const order = Object.keys((service.schema.properties as object | undefined) ?? {});
  return Object.entries(data)
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([name, value]) => ({ name, label: service.fieldLabels[name] ?? { nl: name, en: name }, value }));
}
