rule facefusion_installed {
  meta:
    tool = "FaceFusion" category = "face swap" strength = "installed"
    reference = "facefusion/facefusion: facefusion.py, facefusion.ini"
  condition:
    artifact == "file" and filename matches /^facefusion\.(py|ini)$/i
}

rule facefusion_models {
  meta:
    tool = "FaceFusion" category = "face swap" strength = "configured"
    reference = "facefusion/facefusion: .assets/models/inswapper_128*.onnx"
  condition:
    artifact == "file" and filepath matches /(^|\/)\.assets\/models\/(inswapper_128|simswap|blendswap|ghost)[^\/]*\.onnx$/i
}
