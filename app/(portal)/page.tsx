import { redirect } from "next/navigation";
import { requireSignedIn } from "@/lib/server/auth/require-operator";

/** Connectors are the heart of the portal, so the root opens them. */
export default async function Home() {
  await requireSignedIn();
  redirect("/connectors");
}
