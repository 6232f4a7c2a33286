import { page, type Html } from "@agora/http";
import { textDirection } from "./choose-language.ts";

/** The frame of every survey page: `page()` of @agora/http in the survey's language and its direction. */
export function surveyFrame(options: { title: string; lang: string; body: Html; scripts?: string[] }): Html {
  return page({ ...options, dir: textDirection(options.lang) });
}
