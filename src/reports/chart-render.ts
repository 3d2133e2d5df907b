import {createRequire} from 'node:module'
import {Resvg} from '@resvg/resvg-js'

/**
 * SVG → PNG with the bundled Noto Sans JP (system fonts are never loaded: a fresh machine or an
 * LGWAN PC has no Japanese font, and a chart must not depend on the machine it was drawn on).
 */

const require = createRequire(import.meta.url)

let fontFiles: string[] | undefined

function bundledFonts(): string[] {
  fontFiles ??= [
    require.resolve('@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf'),
    require.resolve('@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf'),
  ]
  return fontFiles
}

export interface RenderedChart {
  readonly png: Buffer
  readonly width: number
  readonly height: number
}

/** Render at `scale` (2 = crisp on slides and in print). */
export function renderChartPng(svg: string, scale = 2): RenderedChart {
  const resvg = new Resvg(svg, {
    font: {
      fontFiles: bundledFonts(),
      loadSystemFonts: false,
      defaultFontFamily: 'Noto Sans JP',
    },
    fitTo: {mode: 'zoom', value: scale},
    background: '#ffffff',
  })
  const image = resvg.render()
  return {png: image.asPng(), width: image.width, height: image.height}
}
