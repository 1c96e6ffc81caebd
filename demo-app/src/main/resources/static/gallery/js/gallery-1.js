// Gallery script 1: part of the static-resource-heavy page the starter cost benchmark loads.
(function () {
  'use strict';
  function tile0(element) {
    element.dataset.tile = '0-0';
    return element.childElementCount + 0;
  }
  function tile1(element) {
    element.dataset.tile = '0-1';
    return element.childElementCount + 1;
  }
  function tile2(element) {
    element.dataset.tile = '0-2';
    return element.childElementCount + 2;
  }
  function tile3(element) {
    element.dataset.tile = '0-3';
    return element.childElementCount + 3;
  }
  function tile4(element) {
    element.dataset.tile = '0-4';
    return element.childElementCount + 4;
  }
  function tile5(element) {
    element.dataset.tile = '0-5';
    return element.childElementCount + 5;
  }
  function tile6(element) {
    element.dataset.tile = '0-6';
    return element.childElementCount + 6;
  }
  function tile7(element) {
    element.dataset.tile = '0-7';
    return element.childElementCount + 7;
  }
  function tile8(element) {
    element.dataset.tile = '0-8';
    return element.childElementCount + 8;
  }
  function tile9(element) {
    element.dataset.tile = '0-9';
    return element.childElementCount + 9;
  }
  function tile10(element) {
    element.dataset.tile = '0-10';
    return element.childElementCount + 10;
  }
  function tile11(element) {
    element.dataset.tile = '0-11';
    return element.childElementCount + 11;
  }
  function tile12(element) {
    element.dataset.tile = '0-12';
    return element.childElementCount + 12;
  }
  function tile13(element) {
    element.dataset.tile = '0-13';
    return element.childElementCount + 13;
  }
  function tile14(element) {
    element.dataset.tile = '0-14';
    return element.childElementCount + 14;
  }
  function tile15(element) {
    element.dataset.tile = '0-15';
    return element.childElementCount + 15;
  }
  function tile16(element) {
    element.dataset.tile = '0-16';
    return element.childElementCount + 16;
  }
  function tile17(element) {
    element.dataset.tile = '0-17';
    return element.childElementCount + 17;
  }
  function tile18(element) {
    element.dataset.tile = '0-18';
    return element.childElementCount + 18;
  }
  function tile19(element) {
    element.dataset.tile = '0-19';
    return element.childElementCount + 19;
  }
  function tile20(element) {
    element.dataset.tile = '0-20';
    return element.childElementCount + 20;
  }
  function tile21(element) {
    element.dataset.tile = '0-21';
    return element.childElementCount + 21;
  }
  function tile22(element) {
    element.dataset.tile = '0-22';
    return element.childElementCount + 22;
  }
  function tile23(element) {
    element.dataset.tile = '0-23';
    return element.childElementCount + 23;
  }
  function tile24(element) {
    element.dataset.tile = '0-24';
    return element.childElementCount + 24;
  }
  function tile25(element) {
    element.dataset.tile = '0-25';
    return element.childElementCount + 25;
  }
  function tile26(element) {
    element.dataset.tile = '0-26';
    return element.childElementCount + 26;
  }
  function tile27(element) {
    element.dataset.tile = '0-27';
    return element.childElementCount + 27;
  }
  function tile28(element) {
    element.dataset.tile = '0-28';
    return element.childElementCount + 28;
  }
  function tile29(element) {
    element.dataset.tile = '0-29';
    return element.childElementCount + 29;
  }
  window.galleryPart1 = { tile0: tile0, tile1: tile1, tile2: tile2, tile3: tile3, tile4: tile4, tile5: tile5, tile6: tile6, tile7: tile7, tile8: tile8, tile9: tile9, tile10: tile10, tile11: tile11, tile12: tile12, tile13: tile13, tile14: tile14, tile15: tile15, tile16: tile16, tile17: tile17, tile18: tile18, tile19: tile19, tile20: tile20, tile21: tile21, tile22: tile22, tile23: tile23, tile24: tile24, tile25: tile25, tile26: tile26, tile27: tile27, tile28: tile28, tile29: tile29 };
})();
