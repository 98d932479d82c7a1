rule deepfacelive_installed {
  meta:
    tool = "DeepFaceLive" category = "face swap" strength = "installed"
    reference = "iperov/DeepFaceLive: DeepFaceLive.bat, DeepFaceLive_NVIDIA_build_*"
  condition:
    artifact == "file" and (filename matches /^DeepFaceLive\.bat$/i or filename matches /^DeepFaceLive_.*build/i)
}

rule deepfacelive_face_model {
  meta:
    tool = "DeepFaceLive" category = "face swap" strength = "used"
    reference = "iperov/DeepFaceLive: userdata/dfm_models/*.dfm (a face model of a person)"
  condition:
    artifact == "file" and extension == "dfm" and filepath matches /(^|\/)dfm_models\/[^\/]+\.dfm$/i
}
