import { useRef } from 'react';

/** The app's About: what Twinscape is and the attributions the bundled demo assets require. */
export function About() {
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <button type="button" className="about-button" onClick={() => dialog.current?.showModal()}>
        About
      </button>
      <dialog ref={dialog} className="about" aria-labelledby="about-title">
        <h2 id="about-title">About Twinscape</h2>
        <p>Local-first digital twins in the browser: DTDL, twin graphs, the Azure Digital Twins query language and live 3D scenes. MIT licensed.</p>
        <h3>Demo assets</h3>
        <ul>
          <li>
            “Duplex Apartment” model © buildingSMART International Ltd., licensed under{' '}
            <a href="https://creativecommons.org/licenses/by/4.0/" target="_blank" rel="noreferrer">CC BY 4.0</a>; converted to glTF by the
            xeokit project with IfcOpenShell.
          </li>
          <li>“Cookie Factory water tank” from the AWS IoT TwinMaker samples, © Amazon.com, Inc. or its affiliates, Apache-2.0.</li>
        </ul>
        <p>The license files are served next to the models, under <code>/demo/scene/</code>.</p>
        <form method="dialog">
          <button type="submit" className="primary">Close</button>
        </form>
      </dialog>
    </>
  );
}
