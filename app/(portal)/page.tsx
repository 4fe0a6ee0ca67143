import { redirect } from "next/navigation";

/** Connectors are the heart of the portal, so the root opens them. */
export default function Home() {
  redirect("/connectors");
}
